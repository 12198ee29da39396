package io.reelgraph.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.reelgraph.listing.Streams;

/**
 * Describes each list's NDJSON stream as what it is: an alternative answer of the list's operation, after its JSON
 * page, whose lines are the page's items. The stream methods are hidden from the scan, which would otherwise merge
 * them into the list's operation with their own summary, the stream first and its raw bytes as its items,
 * so that a generated client could not read the JSON page at all.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class StreamsInContract implements OASFilter {

    private static final String PAGE = "#/components/schemas/PageView";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getPaths().getPathItems().values().forEach(item -> {
            Operation list = item.getGET();
            if (list == null) {
                return;
            }
            APIResponse ok = list.getResponses().getAPIResponse("200");
            MediaType json = ok == null || ok.getContent() == null ? null
                    : ok.getContent().getMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON);
            if (json == null || json.getSchema() == null || json.getSchema().getRef() == null
                    || !json.getSchema().getRef().startsWith(PAGE)) {
                return;
            }
            Schema page = openAPI.getComponents().getSchemas()
                    .get(json.getSchema().getRef().substring("#/components/schemas/".length()));
            Schema line = page.getProperties().get("items").getItems();
            Content content = OASFactory.createContent()
                    .addMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON, json)
                    .addMediaType(Streams.NDJSON, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref(line.getRef())
                                    .description("With Accept: " + Streams.NDJSON + ", every row of the list, one"
                                            + " JSON object per line, in the list's order; paging parameters are"
                                            + " refused")));
            ok.setContent(content);
            list.setDescription((list.getDescription() == null ? "" : list.getDescription() + ". ") + "With Accept: "
                    + Streams.NDJSON + ", every row in the list's order instead, one JSON object per line (page, size"
                    + " and cursor are refused).");
        });
    }
}
