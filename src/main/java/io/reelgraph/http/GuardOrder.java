package io.reelgraph.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Where the request guards sit on the Vert.x router, before every route of Quarkus's (lower runs first), in one
 * place: the timeout's clock starts first, so that it runs while a body is read; the body limit comes next, before
 * anything reads the body; the outage guard registers a request in flight only once it got past both. Their failure
 * handlers are ordered the same way. The imports ({@code POST /graph}, {@code graph.GraphResource}) get their own
 * timeout and body limit.
 */
final class GuardOrder {

    static final int TIMEOUT = Integer.MIN_VALUE;
    static final int BODY_LIMIT = TIMEOUT + 1;
    static final int OUTAGE = TIMEOUT + 2;

    private GuardOrder() {
    }

    /** Whether the request is an import, whose body and time limits are larger. */
    static boolean isImport(RoutingContext context) {
        return context.request().method() == HttpMethod.POST && context.request().path().equals("/graph");
    }
}
