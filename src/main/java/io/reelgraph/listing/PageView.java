package io.reelgraph.listing;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One page of a list, with what a client needs to fetch the others.
 *
 * @param page the page number asked for; absent on a page reached by a cursor
 * @param total the rows of the list, counted up to {@link Listing#WINDOW}: {@code totalExact} says whether it is
 *        the count or a lower bound
 * @param next the URL of the page after this one (a cursor that keeps the filters, sort and size), or null on the
 *        last page
 */
@RegisterForReflection
public record PageView<T>(List<T> items, @JsonInclude(JsonInclude.Include.NON_NULL) Integer page, int size,
        long total, boolean totalExact, int totalPages, String next) {
}
