package io.reelgraph.support;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Many editors sending a PUT at the same moment, as racing clients would; the answers counted by status. */
public final class ConcurrentPuts {

    private ConcurrentPuts() {
    }

    /**
     * Sends {@code count} PUTs at once, the i-th to {@code path(i)} with {@code body(i)}, and with
     * {@code If-Match: ifMatch} unless it is null.
     */
    public static Map<Integer, Long> send(int port, int count, IntFunction<String> path, IntFunction<String> body,
            String ifMatch) {
        List<CompletableFuture<Integer>> responses = IntStream.range(0, count).mapToObj(i -> {
            HttpRequest.Builder request = Http.request(port, path.apply(i))
                    .header("Content-Type", "application/json").header("Authorization", Tokens.editor())
                    .PUT(HttpRequest.BodyPublishers.ofString(body.apply(i)));
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            return Http.CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                    .thenApply(HttpResponse::statusCode);
        }).toList();
        return responses.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(status -> status, TreeMap::new, Collectors.counting()));
    }
}
