package io.reelgraph.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.reelgraph.common.Responses;
import io.reelgraph.common.Roles;
import io.reelgraph.database.DatabaseErrors;
import io.reelgraph.error.ApiException;
import io.reelgraph.error.Problem;
import io.reelgraph.error.ProblemType;
import io.reelgraph.observability.IncidentLog;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.http.HttpServerRequest;

/** Turns every failure into an {@code application/problem+json} response with the right status. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final Object HALT = new Object();

    private final DatabaseOutageGuard outageGuard;

    private final IncidentLog incidents;

    ProblemMappers(DatabaseOutageGuard outageGuard, IncidentLog incidents) {
        this.outageGuard = outageGuard;
        this.incidents = incidents;
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return e.problem().toResponse();
    }

    /** No token, or one that is invalid, expired or from another issuer. */
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e) {
        return Response.fromResponse(ProblemType.UNAUTHENTICATED.problem(
                "Writes need a valid bearer token (Authorization: Bearer <JWT>)").toResponse())
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ProblemType.FORBIDDEN.problem("Writes need the role '" + Roles.EDITOR + "'").toResponse();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldPath(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        return ApiException.invalid(violations).problem().toResponse();
    }

    /** Registered for the subtypes too: quarkus-rest-jackson has its own, non-problem mappers for them. */
    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class,
            UnrecognizedPropertyException.class, InvalidFormatException.class })
    public Response unreadableJson(JsonProcessingException e) {
        String detail;
        if (e instanceof UnrecognizedPropertyException unknown) {
            detail = "Unknown field '" + jsonPath(unknown) + "'";
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getOriginalMessage() != null
                && mismatch.getOriginalMessage().startsWith("Trailing token")) {
            detail = "The body has more after its JSON document: send exactly one";
        } else if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            MismatchedInputException mismatch = (MismatchedInputException) e;
            detail = mismatch.getPath().isEmpty()
                    ? "The body does not have the expected JSON shape"
                    : "Field '" + jsonPath(mismatch) + "' has the wrong type or format";
        } else {
            detail = "The body is not valid JSON: " + e.getOriginalMessage();
        }
        return ProblemType.MALFORMED_REQUEST.problem(detail).toResponse();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        if (e instanceof NotFoundException && e.getCause() != null) {
            // a path or query parameter that does not convert to its type, such as /authors/abc or ?page=x
            return ProblemType.MALFORMED_REQUEST.problem("A parameter has the wrong type or format: "
                    + e.getCause().getMessage()).toResponse();
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return ProblemType.INTERNAL.problem("The server failed to process the request").toResponse();
        }
        return ProblemType.ofStatus(status, e.getMessage()).toResponse();
    }

    /**
     * A failure and then more while cleaning up after it, such as Hibernate Reactive's rollback on a connection that
     * died meanwhile (seen on a Galera cluster: a 409 for a link already taken became a 500): the first failure is the
     * request's answer; the later ones changed nothing, since what was not committed stays so.
     */
    @ServerExceptionMapper
    public Response composite(CompositeException e, HttpServerRequest request) {
        for (Throwable cause : e.getCauses()) {
            if (cause instanceof Error error) {
                halt(error);
            }
        }
        Throwable first = e.getCauses().get(0);
        return first instanceof ApiException api ? api(api) : unexpected(first, request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof Error error) {
                halt(error);
            }
        }
        Optional<DatabaseErrors> database = DatabaseErrors.of(e);
        if (database.isPresent()) {
            return ProblemType.CONFLICT.problem(switch (database.get()) {
                case DUPLICATE_KEY -> "Another request created the same link at the same time; read and retry";
                case REFERENCED_ROW_MISSING -> "An author or video referenced by the request was deleted meanwhile";
                case DEADLOCK, LOCK_WAIT_TIMEOUT -> "Another request was changing the same rows; retry";
            }).toResponse();
        }
        if (DatabaseErrors.isStaleVersion(e)) {
            return ProblemType.CONFLICT.problem("Another request changed the same rows at the same time; retry")
                    .toResponse();
        }
        // a write may have committed before its answer was read back, so it is told to look before it retries
        if (DatabaseErrors.isUnavailable(e)) {
            failed(IncidentLog.Kind.DATABASE_UNAVAILABLE, e, request);
            outageGuard.connectionLost();
            return ProblemType.DATABASE_UNAVAILABLE.problem("The database cannot be reached; "
                    + RequestTimeout.retryAdvice(request.method())).toResponse();
        }
        if (DatabaseErrors.isPoolExhausted(e)) {
            failed(IncidentLog.Kind.POOL_EXHAUSTED, e, request);
            return ProblemType.DATABASE_UNAVAILABLE.problem("The database is busy: no connection became free in time; "
                    + RequestTimeout.retryAdvice(request.method())).toResponse();
        }
        if (RequestTimeout.isLateWrite(e)) {
            // the request was answered already (timeout or outage): its own result has nowhere to go
            LOG.debug("A result arrived after its request was answered", e);
            return ProblemType.TIMEOUT.problem("The request was answered before it completed").toResponse();
        }
        if (e instanceof IOException && "Request too large".equals(e.getMessage())) {
            // Quarkus's reader has already answered 413: a body of no declared length over HTTP/2 (see BodyLimit)
            return ProblemType.ofStatus(413, "The request body is too large").toResponse();
        }
        LOG.error("Request failed", e);
        return ProblemType.INTERNAL.problem("The server failed to process the request").toResponse();
    }

    /** A request failed in a way that comes in waves; one answered already (DatabaseOutageGuard) was counted there. */
    private void failed(IncidentLog.Kind kind, Throwable e, HttpServerRequest request) {
        if (!Responses.answered(request.response())) {
            incidents.failed(kind, e.toString());
        }
    }

    /**
     * An {@link Error} (OutOfMemoryError, StackOverflowError, ...), thrown or as a cause, is no request failure: it
     * leaves the JVM in an unknown state. It is logged and the JVM halts with the status -XX:+ExitOnOutOfMemoryError
     * exits with (3), so that the orchestrator restarts the container; that flag covers only the OutOfMemoryErrors the
     * JVM throws itself, not those thrown by code (direct buffers, Netty's OutOfDirectMemoryError) nor other Errors.
     * Rethrowing would not do: RESTEasy Reactive hands an exception thrown by a mapper to its unrecoverable-error path,
     * which answers 500 (RoutingContext.fail) and carries on. A halt runs no shutdown hooks, which may need the memory
     * or threads that are gone; the lock lets the first thread's log line out, the others wait for the halt.
     */
    private static void halt(Error error) {
        synchronized (HALT) {
            try {
                LOG.fatal("An Error leaves the JVM in an unknown state: halting it so that it is restarted", error);
            } finally {
                Runtime.getRuntime().halt(3);
            }
        }
    }

    /**
     * {@code create.request.credits[1].extraData} becomes {@code credits[1].extraData}: the method is dropped, and
     * so is the parameter when the violation lies inside it (a body); a violated query parameter keeps its name.
     */
    private static String fieldPath(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            boolean bodyParameter = node.getKind() == ElementKind.PARAMETER && i < nodes.size() - 1;
            if (node.getKind() == ElementKind.METHOD || bodyParameter) {
                continue;
            }
            if (node.getIndex() != null) {
                path.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                path.append(path.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return path.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.toString();
    }
}
