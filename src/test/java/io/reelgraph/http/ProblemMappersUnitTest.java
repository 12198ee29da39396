package io.reelgraph.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.reelgraph.error.ApiException;
import io.reelgraph.error.Problem;
import io.smallrye.mutiny.CompositeException;
import io.vertx.sqlclient.ClosedConnectionException;

/** How failures that carry others become problems, without a server. */
class ProblemMappersUnitTest {

    @Test
    void aConflictWhoseRollbackFailedIsStillTheConflict() {
        // the check found the link taken, and the rollback that followed met a connection that had just died
        CompositeException failure = new CompositeException(ApiException.conflict("video 7 is already featured by author 3"),
                ClosedConnectionException.INSTANCE);

        Response response = new ProblemMappers(null, null).composite(failure, null);

        assertEquals(409, response.getStatus());
        assertEquals("video 7 is already featured by author 3", ((Problem) response.getEntity()).detail());
    }
}
