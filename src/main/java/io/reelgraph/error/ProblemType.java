package io.reelgraph.error;

import java.util.List;

import jakarta.ws.rs.core.Response.Status;

/** The kinds of problem the API reports; each has a stable type URI and the status it is sent with. */
public enum ProblemType {

    MALFORMED_REQUEST("malformed-request", "The request could not be read", Status.BAD_REQUEST),
    VALIDATION("validation", "The request has invalid fields", Status.BAD_REQUEST),
    UNAUTHENTICATED("unauthenticated", "Authentication required", Status.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Not allowed", Status.FORBIDDEN),
    NOT_FOUND("not-found", "Not found", Status.NOT_FOUND),
    CONFLICT("conflict", "The request conflicts with the current state", Status.CONFLICT),
    PRECONDITION_FAILED("precondition-failed", "The resource has changed", Status.PRECONDITION_FAILED),
    DATABASE_UNAVAILABLE("database-unavailable", "The database is unavailable", Status.SERVICE_UNAVAILABLE),
    TIMEOUT("timeout", "The request timed out", Status.SERVICE_UNAVAILABLE),
    INTERNAL("internal", "Internal error", Status.INTERNAL_SERVER_ERROR);

    private static final String BASE = "urn:reelgraph:problem:";

    private final String slug;
    private final String title;
    private final Status status;

    ProblemType(String slug, String title, Status status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public Problem problem(String detail) {
        return problem(detail, null);
    }

    public Problem problem(String detail, List<Problem.Violation> violations) {
        return new Problem(BASE + slug, title, status.getStatusCode(), detail, violations);
    }

    /** A problem for a plain HTTP status (unknown route, wrong method, unsupported media type, ...). */
    public static Problem ofStatus(int status, String detail) {
        Status known = Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        return new Problem(BASE + "http", title, status, detail, null);
    }
}
