package io.reelgraph.listing;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a view leaves out of a list of links it embeds: a view embeds the first page of each list (the first
 * {@link Listing#DEFAULT_SIZE} by id); a longer list says here how long it is and where the rest is.
 *
 * @param total the links of the list, counted up to {@link Listing#WINDOW}: {@code totalExact} says whether it is
 *        the count or a lower bound
 * @param next the URL of the list's next page (a sub-collection such as {@code /authors/1/videos})
 */
@RegisterForReflection
public record MoreLinks(long total, boolean totalExact, String next) {

    /** The rest of a list of {@code counted} links (counted up to one past the window), after the key shown last. */
    public static MoreLinks after(long counted, String list, String keyField, long lastShown) {
        return new MoreLinks(Math.min(counted, Listing.WINDOW), counted <= Listing.WINDOW,
                list + "?cursor=" + Listing.cursorAfterKey(keyField, lastShown));
    }
}
