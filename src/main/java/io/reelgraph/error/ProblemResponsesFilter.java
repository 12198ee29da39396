package io.reelgraph.error;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the problem responses every operation can give (400, and 404 where the request names ids) without
 * repeating them on each method: annotations on the methods would replace the generated success responses.
 */
public class ProblemResponsesFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            addProblem(operation, "400", "Malformed or invalid request; nothing was written");
            // ids come in the path, or in the bodies of creating requests
            if (path.contains("{") || method == PathItem.HttpMethod.POST) {
                addProblem(operation, "404", "An id in the path or the body does not exist; nothing was written");
            }
        }));
    }

    private static void addProblem(Operation operation, String status, String description) {
        if (operation.getResponses().hasAPIResponse(status)) {
            return;
        }
        Content problem = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")));
        APIResponse response = OASFactory.createAPIResponse().description(description).content(problem);
        operation.getResponses().addAPIResponse(status, response);
    }
}
