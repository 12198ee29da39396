package io.reelgraph.openapi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Lists an operation's path parameters first and in the order its path names them: SmallRye OpenAPI sorts them by
 * name, and a generated client takes them by position, so {@code putCredit(authorId, videoId)} would be called on
 * {@code /videos/{videoId}/credits/{authorId}}. The other parameters keep their order.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class PathParametersInUrlOrder implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values().forEach(operation -> {
            if (operation.getParameters() != null) {
                List<Parameter> ordered = new ArrayList<>(operation.getParameters());
                ordered.sort(Comparator.comparingInt(parameter -> parameter.getIn() == Parameter.In.PATH
                        ? path.indexOf("{" + parameter.getName() + "}")
                        : Integer.MAX_VALUE));
                operation.setParameters(ordered);
            }
        }));
    }
}
