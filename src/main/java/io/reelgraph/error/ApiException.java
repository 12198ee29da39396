package io.reelgraph.error;

import java.util.List;

/** A failure that the client caused and that maps straight onto a problem response. */
public class ApiException extends RuntimeException {

    private final transient Problem problem;

    private ApiException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ApiException notFound(String kind, Object id) {
        return new ApiException(ProblemType.NOT_FOUND.problem(kind + " " + id + " does not exist"));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ProblemType.NOT_FOUND.problem(detail));
    }

    /** A body or parameter that cannot be read at all (not one well-formed JSON document in UTF-8, ...). */
    public static ApiException malformed(String detail) {
        return new ApiException(ProblemType.MALFORMED_REQUEST.problem(detail));
    }

    public static ApiException conflict(String detail) {
        return new ApiException(ProblemType.CONFLICT.problem(detail));
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(ProblemType.PRECONDITION_FAILED.problem(detail));
    }

    public static ApiException timedOut(String detail) {
        return new ApiException(ProblemType.TIMEOUT.problem(detail));
    }

    public static ApiException invalid(List<Problem.Violation> violations) {
        return new ApiException(ProblemType.VALIDATION.problem(
                violations.size() == 1 ? violations.get(0).message() : violations.size() + " fields are invalid",
                violations));
    }

    /** Invalid with a detail of its own, for a document whose errors are listed as violations. */
    public static ApiException invalid(String detail, List<Problem.Violation> violations) {
        return new ApiException(ProblemType.VALIDATION.problem(detail, violations));
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new Problem.Violation(field, message)));
    }
}
