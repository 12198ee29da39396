package io.reelgraph.openapi;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Says of every operation whether it needs a token: the writes carry their bearer requirement with the role
 * ({@code editor}, from {@code @RolesAllowed}); the reads, which need nothing, get an explicit empty requirement, so
 * that a client (and a linter) can tell "open" from "not described".
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenReadsInContract implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getSecurity() == null) {
                operation.setSecurity(List.of());
            }
        }));
    }
}
