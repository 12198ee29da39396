package io.reelgraph.openapi;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.reelgraph.error.Problem;

/**
 * Documents the problem responses each operation can give, without repeating them on each method (annotations on
 * the methods would replace the generated success responses): 400, 500 and 503 everywhere, 406 where there is a body
 * to answer with, 404 where the request names ids, 401, 403 and 409 (a race lost, a row gone meanwhile) on writes,
 * 412 where there is an {@code If-Match}, 413 and 415 where there is a body to read. The resources name only the
 * responses they describe more closely (e.g. which 409). Every error response is described as a {@link Problem},
 * including those the scanner adds with no content (401 and 403 of {@code @RolesAllowed}), so that a generated client
 * can read each one as the same type. It runs once, when the build makes the document, not at each start.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    private static final Map<String, String> WRITES = Map.of(
            "401", "No valid bearer token; nothing was written",
            "403", "The token lacks the editor role; nothing was written",
            "409", "The write conflicts with the current rows, or lost a race for them; nothing was written");
    /** What SmallRye OpenAPI writes for the 400 of a validated request and the 401 and 403 of a secured one. */
    private static final Set<String> SCANNER_DESCRIPTIONS = Set.of("Bad Request", "Not Authorized", "Not Allowed");
    private static final Map<String, String> BODIES = Map.of(
            "413", "The body is over the size limit; nothing was written",
            "415", "The body is not application/json; nothing was written");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            boolean write = method != PathItem.HttpMethod.GET;
            addProblem(operation, "400", write ? "Malformed or invalid request; nothing was written"
                    : "Malformed or invalid request");
            // ids come in the path, or in the bodies of creating requests
            if (path.contains("{") || method == PathItem.HttpMethod.POST) {
                addProblem(operation, "404", write ? "An id in the path or the body does not exist; nothing was written"
                        : "The id in the path does not exist");
            }
            if (write) {
                WRITES.forEach((status, description) -> addProblem(operation, status, description));
            }
            if (operation.getRequestBody() != null) {
                BODIES.forEach((status, description) -> addProblem(operation, status, description));
            }
            if (operation.getParameters() != null && operation.getParameters().stream()
                    .anyMatch(parameter -> "If-Match".equalsIgnoreCase(parameter.getName()))) {
                addProblem(operation, "412", "If-Match names an older version");
            }
            if (answersWithABody(operation)) {
                addProblem(operation, "406", "Accept names no media type the operation answers with");
            }
            addProblem(operation, "500", "The server failed to process the request");
            addProblem(operation, "503", "The database is unavailable or the request ran out of time; retry later");
            // and those the resource named (GET /graph's 404), with their descriptions
            operation.getResponses().getAPIResponses().keySet().stream().filter(status -> status.matches("[45]\\d\\d"))
                    .toList().forEach(status -> addProblem(operation, status, null));
        }));
    }

    private static boolean answersWithABody(Operation operation) {
        return operation.getResponses().getAPIResponses().entrySet().stream()
                .anyMatch(response -> response.getKey().startsWith("2") && hasContent(response.getValue()));
    }

    /** Adds the response, or gives the problem's content to one that has none. */
    private static void addProblem(Operation operation, String status, String description) {
        APIResponse existing = operation.getResponses().getAPIResponse(status);
        if (existing == null) {
            operation.getResponses().addAPIResponse(status,
                    OASFactory.createAPIResponse().description(description).content(problem()));
        } else if (!hasContent(existing)) {
            // a response a resource described keeps its description; the scanner's bare reason phrases do not
            existing.content(problem());
            if (existing.getDescription() == null || SCANNER_DESCRIPTIONS.contains(existing.getDescription())) {
                existing.description(description);
            }
        }
    }

    private static boolean hasContent(APIResponse response) {
        return response.getContent() != null && !response.getContent().getMediaTypes().isEmpty();
    }

    private static Content problem() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")));
    }
}
