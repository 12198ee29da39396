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

    /** Whether the request is an import ({@code POST /graph}), whose time limit is larger. */
    static boolean isImport(RoutingContext context) {
        return context.request().method() == HttpMethod.POST && isImportPath(context);
    }

    /** Whether the request is to the imports' path, whose bodies may be larger whatever the method (a 405 follows). */
    static boolean isImportPath(RoutingContext context) {
        return context.request().path().equals("/graph");
    }

    /** A WebSocket (the Dev UI's) lives on after its HTTP request: the guards leave it alone. */
    static boolean isUpgrade(RoutingContext context) {
        return "websocket".equalsIgnoreCase(context.request().getHeader("Upgrade"));
    }
}
