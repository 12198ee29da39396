import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The mixed workload of bench/cluster.sh, and its checks (bench/README.md, "Cluster scenario"). A single-file program:
 * {@code java -cp <Jackson and MariaDB driver jars> bench/ClusterWorkload.java <work-dir> <base-url> <token> <clients>
 * <max-seconds> <max-requests> <db-user> <db-password> <node-jdbc-url>...}.
 * <p>
 * Clients write and read through the HTTP front until {@code <work-dir>/stop} appears, or the time or request budget
 * is spent; each request is counted under the phase named in {@code <work-dir>/phase} when it started, which the
 * script changes as it starts instances and injects faults. Every write is recorded with what it wrote and how it was
 * answered: 2xx acknowledged, 4xx refused (wrote nothing), anything else unknown (it may or may not have committed).
 * At the end, with every node back, each recorded value is checked through the API and by SQL on every node: an
 * acknowledged value must be there, unless a later write of unknown outcome replaced it. Exits 1 when one is missing,
 * the nodes' checksums differ, or the service answered a 5xx other than a 503 problem.
 */
public final class ClusterWorkload {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPAND = "expand=videos,featuredVideo,credits.video";
    /** Videos and authors every client links to, so that writes to the same rows race across nodes. */
    private static final int SHARED = 4;
    /** The phases bench/cluster.sh names whose failures are judged apart. */
    private static final String KILL_SERVICE = "kill service 2";
    private static final String ROLLING_RESTART = "rolling restart";

    enum Outcome {
        ACKNOWLEDGED, REFUSED, UNKNOWN
    }

    /** One request: when, which phase, and how it was answered (status 0: no answer at all). */
    record Call(String phase, String op, long start, long end, int status, String problem) {

        boolean failed() {
            return status == 0 || status >= 500;
        }

        boolean isProblem() {
            return !problem.isEmpty();
        }
    }

    /** A write of {@code value} (null: removed) into one checked cell, how it was answered, and when it ran. */
    record Write(Object value, Outcome outcome, long start, long end) {
    }

    /**
     * The writes to one cell (an author's name, its featured video, a credit's data, a video's featurer). The cell must
     * hold the value of an acknowledged or unknown write that no acknowledged write began after the end of: the last
     * acknowledged one of a client writing alone, or a later one of unknown outcome; for writes that overlapped in
     * time, any of them. In an exclusive cell at most one write can commit (two claims of one video as a featured
     * video): an acknowledged one must be the value.
     */
    static final class Cell {
        final boolean exclusive;
        final List<Write> writes = Collections.synchronizedList(new ArrayList<>());

        Cell(boolean exclusive) {
            this.exclusive = exclusive;
        }

        boolean accepts(Object actual) {
            List<Write> history;
            synchronized (writes) {
                history = new ArrayList<>(writes);
            }
            List<Write> acknowledged = history.stream().filter(write -> write.outcome == Outcome.ACKNOWLEDGED).toList();
            if (exclusive && !acknowledged.isEmpty()) {
                return acknowledged.stream().anyMatch(write -> Objects.equals(write.value, actual));
            }
            for (Write write : history) {
                boolean superseded = acknowledged.stream().anyMatch(later -> later.start > write.end);
                if (write.outcome != Outcome.REFUSED && !superseded && Objects.equals(write.value, actual)) {
                    return true;
                }
            }
            // nothing acknowledged: the cell may also never have been written
            return acknowledged.isEmpty() && actual == null;
        }

        Object expected() {
            synchronized (writes) {
                return writes.stream().filter(write -> write.outcome == Outcome.ACKNOWLEDGED).reduce((a, b) -> b)
                        .map(Write::value).orElse("(none acknowledged)");
            }
        }
    }

    private final Path dir;
    private final String base;
    private final String token;
    private final List<String> nodes;
    private final String dbUser;
    private final String dbPassword;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private final Map<String, Cell> cells = new ConcurrentHashMap<>();
    /** Authors some client created; readers pick from them (guarded by itself). */
    private final List<Long> authors = new ArrayList<>();
    private final Set<Long> deleting = ConcurrentHashMap.newKeySet();
    private final List<Long> sharedVideos = new ArrayList<>();
    private final List<Long> sharedAuthors = new ArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    /** Each change of phase, in order: a phase may come back (the transitions between the measured ones). */
    private final List<Transition> transitions = new CopyOnWriteArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    /** When the last request of this thread started and ended. */
    private final ThreadLocal<long[]> last = ThreadLocal.withInitial(() -> new long[2]);
    private volatile String phase = "start";

    private ClusterWorkload(String[] args) {
        dir = Path.of(args[0]);
        base = args[1];
        token = args[2];
        dbUser = args[6];
        dbPassword = args[7];
        nodes = List.of(args).subList(8, args.length);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 9) {
            System.err.println("usage: ClusterWorkload <work-dir> <base-url> <token> <clients> <max-seconds>"
                    + " <max-requests> <db-user> <db-password> <node-jdbc-url>...");
            System.exit(2);
        }
        ClusterWorkload workload = new ClusterWorkload(args);
        boolean passed = workload.run(Integer.parseInt(args[3]), Duration.ofSeconds(Long.parseLong(args[4])),
                Long.parseLong(args[5]));
        System.exit(passed ? 0 : 1);
    }

    private boolean run(int clients, Duration maxTime, long maxRequests) throws Exception {
        for (int i = 0; i < SHARED; i++) {
            sharedVideos.add(createSharedVideo("shared" + i));
            sharedAuthors.add(created(send("seed", "POST", "/authors", "{\"name\":\"shared " + i + "\"}"), "id"));
        }
        long deadline = System.nanoTime() + maxTime.toNanos();
        Thread phases = new Thread(this::followPhases);
        phases.setDaemon(true);
        phases.start();
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int id = client;
            Thread thread = new Thread(() -> client(id, deadline, maxRequests));
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Files.writeString(dir.resolve("workload-done"), "");
        // the script brings every node and instance back, then asks for the checks
        while (!Files.exists(dir.resolve("check"))) {
            Thread.sleep(200);
        }
        phase = "check";
        check();
        String report = report();
        System.out.print(report);
        Files.writeString(dir.resolve("report.txt"), report);
        return violations.isEmpty();
    }

    private void followPhases() {
        while (true) {
            try {
                String now = Files.exists(dir.resolve("phase")) ? Files.readString(dir.resolve("phase")).trim() : "start";
                if (transitions.isEmpty() || !transitions.get(transitions.size() - 1).phase.equals(now)) {
                    transitions.add(new Transition(now, System.nanoTime()));
                }
                phase = now;
                Thread.sleep(50);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    private boolean stopping(long deadline, long maxRequests) {
        return System.nanoTime() > deadline || requests.get() >= maxRequests || Files.exists(dir.resolve("stop"));
    }

    // --- the workload -----------------------------------------------------------------------------------------------

    /** One client: its own authors, whose featured links and credits it alone changes, and the shared rows. */
    private void client(int client, long deadline, long maxRequests) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<long[]> own = new ArrayList<>(); // {author, featured-candidate video, featured-candidate video}
        int sequence = 0;
        while (!stopping(deadline, maxRequests)) {
            sequence++;
            int pick = random.nextInt(100);
            try {
                Long someAuthor = anyAuthor(random);
                if (own.size() < 3 || someAuthor == null || pick < 12) {
                    long[] author = createAuthor(client, sequence);
                    if (author != null) {
                        own.add(author);
                    }
                } else if (pick < 40) {
                    read(someAuthor);
                } else if (pick < 48) {
                    send("read", "GET", "/graph?video=" + sharedVideos.get(random.nextInt(SHARED)) + "&depth=2&limit=200",
                            null);
                } else if (pick < 62) {
                    // the same credit rows from every client: concurrent updates of one row, on different nodes
                    long video = sharedVideos.get(random.nextInt(SHARED));
                    long author = sharedAuthors.get(random.nextInt(SHARED));
                    String data = "c" + client + "-" + sequence;
                    record(cell("credit:" + author + ":" + video, false), data,
                            send("credit", "PUT", "/videos/" + video + "/credits/" + author,
                                    "{\"extraData\":\"" + data + "\"}"));
                } else if (pick < 74) {
                    long[] author = own.get(random.nextInt(own.size()));
                    if (author[0] < 0) {
                        continue;
                    }
                    Long video = random.nextInt(4) == 0 ? null : author[1 + random.nextInt(2)];
                    record(cell("featured:" + author[0], false), video, video == null
                            ? send("featured", "DELETE", "/authors/" + author[0] + "/featured-video", null)
                            : send("featured", "PUT", "/authors/" + author[0] + "/featured-video",
                                    "{\"videoId\":" + video + "}"));
                } else if (pick < 82) {
                    importGraph(client, sequence);
                } else if (pick < 90) {
                    race(client, sequence);
                } else if (pick < 95) {
                    long[] author = own.get(random.nextInt(own.size()));
                    if (author[0] > 0) {
                        // readers stop picking it, and know why it may be gone, before it goes
                        synchronized (authors) {
                            authors.remove(author[0]);
                        }
                        deleting.add(author[0]);
                        HttpResponse<String> deleted = send("delete", "DELETE", "/authors/" + author[0], null);
                        // a 404: HAProxy sent the DELETE again after an instance died under it, which may have deleted
                        record(cell("author:" + author[0], false), null,
                                deleted != null && deleted.statusCode() == 404 ? Outcome.UNKNOWN : outcome(deleted));
                        author[0] = -author[0];
                    }
                } else {
                    send("read", "GET", "/videos?sort=code&size=20", null);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a fault of the workload itself, or an answer it cannot read: counted, and the client goes on
                violations.add("client " + client + ": " + e);
            }
        }
    }

    private Long anyAuthor(ThreadLocalRandom random) {
        synchronized (authors) {
            return authors.isEmpty() ? null : authors.get(random.nextInt(authors.size()));
        }
    }

    private void addAuthors(Long... created) {
        synchronized (authors) {
            authors.addAll(List.of(created));
        }
    }

    /** A nested create: the author, a featured video, two uploads, a credit on a shared video. */
    private long[] createAuthor(int client, int sequence) throws InterruptedException {
        String name = "w" + client + "-" + sequence;
        String data = "n" + client + "-" + sequence;
        long shared = sharedVideos.get(sequence % SHARED);
        HttpResponse<String> answer = send("create", "POST", "/authors", "{\"name\":\"" + name
                + "\",\"featuredVideo\":{\"code\":\"f" + client + "x" + sequence + "\"},\"videos\":[{\"code\":\"u" + client
                + "x" + sequence + "\"},{\"code\":\"v" + client + "x" + sequence + "\"}],\"credits\":[{\"videoId\":" + shared
                + ",\"extraData\":\"" + data + "\"}]}");
        if (answer == null || answer.statusCode() != 201) {
            return null; // an unknown create is not followed: its id is not known
        }
        JsonNode view = body(answer);
        long id = view.get("id").asLong();
        long featured = view.at("/featuredVideo/id").asLong();
        record(cell("author:" + id, false), name, answer);
        record(cell("featured:" + id, false), featured, answer);
        record(cell("credit:" + id + ":" + shared, false), data, answer);
        addAuthors(id);
        return new long[] { id, featured, view.at("/videos/0/id").asLong() };
    }

    /** An import: two authors, two videos, each link kind, and a credit on a shared video. */
    private void importGraph(int client, int sequence) throws InterruptedException {
        String tag = client + "i" + sequence;
        long shared = sharedVideos.get(sequence % SHARED);
        HttpResponse<String> answer = send("import", "POST", "/graph", "{\"nodes\":["
                + "{\"id\":\"a1\",\"type\":\"author\",\"name\":\"" + tag + "a\"},"
                + "{\"id\":\"a2\",\"type\":\"author\",\"name\":\"" + tag + "b\"},"
                + "{\"id\":\"v1\",\"type\":\"video\",\"code\":\"" + tag + "x\"},"
                + "{\"id\":\"v2\",\"type\":\"video\",\"code\":\"" + tag + "y\"},"
                + "{\"id\":\"video:" + shared + "\"}],\"edges\":["
                + "{\"from\":\"a1\",\"to\":\"v1\",\"kind\":\"upload\"},"
                + "{\"from\":\"a1\",\"to\":\"v2\",\"kind\":\"featured\"},"
                + "{\"from\":\"a2\",\"to\":\"v1\",\"kind\":\"credit\",\"extraData\":\"" + tag + "\"},"
                + "{\"from\":\"a2\",\"to\":\"video:" + shared + "\",\"kind\":\"credit\",\"extraData\":\"" + tag + "\"}]}");
        if (answer == null || answer.statusCode() != 201) {
            return;
        }
        JsonNode created = body(answer).get("created");
        long a1 = id(created.get("a1").asText());
        long a2 = id(created.get("a2").asText());
        record(cell("author:" + a1, false), tag + "a", answer);
        record(cell("author:" + a2, false), tag + "b", answer);
        record(cell("featured:" + a1, false), id(created.get("v2").asText()), answer);
        record(cell("credit:" + a2 + ":" + id(created.get("v1").asText()), false), tag, answer);
        record(cell("credit:" + a2 + ":" + shared, false), tag, answer);
        record(cell("uploader:" + id(created.get("v1").asText()) + ":" + a1, false), a1, answer);
        addAuthors(a1, a2);
    }

    /**
     * Two writers claim one new video as their featured video at once, one by {@code PUT}, one by an import: the
     * checks of both run on nodes that may not see each other's row locks, so at most one may be acknowledged.
     */
    private void race(int client, int sequence) throws InterruptedException {
        String tag = client + "r" + sequence;
        long video = createSharedVideo(tag);
        Long first = created(send("race", "POST", "/authors", "{\"name\":\"" + tag + "a\"}"), "id");
        Long second = created(send("race", "POST", "/authors", "{\"name\":\"" + tag + "b\"}"), "id");
        if (video < 0 || first == null || second == null) {
            return;
        }
        Cell featurer = cell("featuredBy:" + video, true);
        CompletableFuture<HttpResponse<String>> put = CompletableFuture.supplyAsync(() -> {
            HttpResponse<String> answer = sendQuietly("race", "PUT", "/authors/" + first + "/featured-video",
                    "{\"videoId\":" + video + "}");
            record(featurer, first, answer);
            return answer;
        });
        HttpResponse<String> imported = send("race", "POST", "/graph", "{\"nodes\":[{\"id\":\"author:" + second
                + "\"},{\"id\":\"video:" + video + "\"}],\"edges\":[{\"from\":\"author:" + second + "\",\"to\":\"video:"
                + video + "\",\"kind\":\"featured\"}]}");
        record(featurer, second, imported);
        HttpResponse<String> direct = put.join();
        if (outcome(direct) == Outcome.ACKNOWLEDGED && outcome(imported) == Outcome.ACKNOWLEDGED) {
            violations.add("race " + tag + ": video " + video + " acknowledged as featured by both " + first + " and "
                    + second);
        }
    }

    private long createSharedVideo(String code) throws InterruptedException {
        Long id = created(send("seed", "POST", "/videos", "{\"code\":\"" + code + "\"}"), "id");
        return id == null ? -1 : id;
    }

    private void read(long author) throws InterruptedException {
        HttpResponse<String> answer = send("read", "GET", "/authors/" + author + "?" + EXPAND, null);
        Cell cell = cells.get("author:" + author);
        // read your writes, across replicas and nodes: an author whose creation was acknowledged and whose deletion
        // was never tried must be found (it is listed only once its create was acknowledged)
        if (answer != null && answer.statusCode() == 404 && cell != null && !deleting.contains(author)) {
            violations.add("GET /authors/" + author + " was 404 after its create was acknowledged");
        }
    }

    // --- HTTP -------------------------------------------------------------------------------------------------------

    private HttpResponse<String> sendQuietly(String op, String method, String path, String body) {
        try {
            return send(op, method, path, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The answer, or null when none came (connection refused or reset, or no answer in 15 s). */
    private HttpResponse<String> send(String op, String method, String path, String body) throws InterruptedException {
        requests.incrementAndGet();
        // past the service's own timeouts (10 s, imports 60 s): a request that gets nothing by then was dropped
        Duration patience = Duration.ofSeconds(path.startsWith("/graph") && "POST".equals(method) ? 70 : 15);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(patience)
                .header("Accept", "application/json").header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        String during = phase;
        long start = System.nanoTime();
        HttpResponse<String> answer = null;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // no answer: counted as a failure of unknown outcome
        }
        int status = answer == null ? 0 : answer.statusCode();
        // the problem's type, without its prefix (timeout, database-unavailable, conflict...), or "" for none
        String problem = answer != null && answer.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/problem+json") ? problemType(answer) : "";
        Call call = new Call(during, op, start, System.nanoTime(), status, problem);
        calls.add(call);
        last.set(new long[] { call.start, call.end });
        return answer;
    }

    private static String problemType(HttpResponse<String> answer) {
        try {
            return JSON.readTree(answer.body()).path("type").asText("?").replaceAll(".*:", "");
        } catch (IOException e) {
            return "?";
        }
    }

    private static Outcome outcome(HttpResponse<String> answer) {
        if (answer == null || answer.statusCode() >= 500) {
            return Outcome.UNKNOWN;
        }
        return answer.statusCode() < 300 ? Outcome.ACKNOWLEDGED : Outcome.REFUSED;
    }

    private static Long created(HttpResponse<String> answer, String field) {
        return answer != null && answer.statusCode() == 201 ? body(answer).get(field).asLong() : null;
    }

    private static JsonNode body(HttpResponse<String> answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + answer.body(), e);
        }
    }

    private static long id(String nodeId) {
        return Long.parseLong(nodeId.substring(nodeId.indexOf(':') + 1));
    }

    private Cell cell(String key, boolean exclusive) {
        return cells.computeIfAbsent(key, ignored -> new Cell(exclusive));
    }

    /** Records a write answered by {@code answer}, the last request this thread sent. */
    private void record(Cell cell, Object value, HttpResponse<String> answer) {
        record(cell, value, outcome(answer));
    }

    private void record(Cell cell, Object value, Outcome outcome) {
        long[] times = last.get();
        cell.writes.add(new Write(value, outcome, times[0], times[1]));
    }

    // --- the checks -------------------------------------------------------------------------------------------------

    /** What one node holds of the checked cells. */
    private Map<String, Object> state(String url) throws SQLException {
        Map<String, Object> state = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(url, dbUser, dbPassword);
                Statement statement = connection.createStatement()) {
            // every write the cluster committed is applied here before these reads
            statement.execute("SET SESSION wsrep_sync_wait = 1");
            try (ResultSet rows = statement.executeQuery("SELECT id, name, featured_video_id FROM author")) {
                while (rows.next()) {
                    state.put("author:" + rows.getLong(1), rows.getString(2));
                    state.put("featured:" + rows.getLong(1), rows.getObject(3) == null ? null : rows.getLong(3));
                    if (rows.getObject(3) != null) {
                        state.put("featuredBy:" + rows.getLong(3), rows.getLong(1));
                    }
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT id, author_id FROM video WHERE author_id IS NOT NULL")) {
                while (rows.next()) {
                    state.put("uploader:" + rows.getLong(1) + ":" + rows.getLong(2), rows.getLong(2));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT author_id, video_id, extra_data FROM video_author")) {
                while (rows.next()) {
                    state.put("credit:" + rows.getLong(1) + ":" + rows.getLong(2), rows.getString(3));
                }
            }
            try (ResultSet rows = statement.executeQuery("CHECKSUM TABLE author, video, video_author EXTENDED")) {
                StringBuilder sums = new StringBuilder();
                while (rows.next()) {
                    sums.append(rows.getString(1).replaceAll(".*\\.", "")).append('=').append(rows.getLong(2)).append(' ');
                }
                state.put("checksums", sums.toString().trim());
            }
        }
        return state;
    }

    private void check() throws Exception {
        Map<String, String> checksums = new LinkedHashMap<>();
        for (String node : nodes) {
            Map<String, Object> state = state(node);
            checksums.put(node, (String) state.get("checksums"));
            cells.forEach((key, cell) -> {
                if (!relevant(key, state)) {
                    return;
                }
                Object actual = state.get(key);
                if (!cell.accepts(actual)) {
                    violations.add(node + ": " + key + " is " + actual + ", expected " + cell.expected());
                }
            });
        }
        if (checksums.values().stream().distinct().count() != 1) {
            violations.add("the nodes' checksums differ: " + checksums);
        }
        System.err.println("checksums: " + checksums);
        // and through the API: every author whose last acknowledged state is present, with its featured video
        for (Map.Entry<String, Cell> entry : cells.entrySet()) {
            if (!entry.getKey().startsWith("author:") || !present(entry.getValue())) {
                continue;
            }
            String id = entry.getKey().substring("author:".length());
            HttpResponse<String> answer = send("check", "GET", "/authors/" + id, null);
            if (answer == null || answer.statusCode() != 200) {
                violations.add("GET /authors/" + id + ": " + (answer == null ? "no answer" : answer.statusCode()));
                continue;
            }
            JsonNode view = body(answer);
            Cell featured = cells.get("featured:" + id);
            Object shown = view.get("featuredVideo").isNull() ? null : view.at("/featuredVideo/id").asLong();
            if (!entry.getValue().accepts(view.get("name").asText()) || featured != null && !featured.accepts(shown)) {
                violations.add("GET /authors/" + id + " shows " + view.get("name") + ", featured " + shown);
            }
        }
    }

    /** Whether the author's creation was acknowledged and no delete of it was tried. */
    private static boolean present(Cell author) {
        synchronized (author.writes) {
            return author.writes.size() == 1 && author.writes.get(0).outcome == Outcome.ACKNOWLEDGED;
        }
    }

    /** A link is checked only while both its ends exist: deleting an author takes its links (the schema's rules). */
    private boolean relevant(String key, Map<String, Object> state) {
        String[] parts = key.split(":");
        return switch (parts[0]) {
            case "featured", "credit" -> state.get("author:" + parts[1]) != null;
            case "uploader" -> state.get("author:" + parts[2]) != null;
            default -> true;
        };
    }

    // --- the report -------------------------------------------------------------------------------------------------

    private String report() throws IOException {
        Map<String, List<Call>> byPhase = new LinkedHashMap<>();
        calls.stream().sorted((a, b) -> Long.compare(a.start, b.start))
                .forEach(call -> byPhase.computeIfAbsent(call.phase, ignored -> new ArrayList<>()).add(call));
        Map<String, long[]> cpu = cpu();
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-28s %8s %8s %9s  %-40s %s%n", "phase", "requests", "req/s", "longest", "answers",
                "CPU ms per request"));
        for (Map.Entry<String, List<Call>> entry : byPhase.entrySet()) {
            List<Call> phaseCalls = entry.getValue();
            double seconds = phaseSeconds(entry.getKey(), phaseCalls);
            Map<String, Long> statuses = new TreeMap<>();
            phaseCalls.forEach(call -> statuses.merge(call.status == 0 ? "none" : String.valueOf(call.status), 1L,
                    Long::sum));
            long[] used = cpu.get(entry.getKey());
            out.append(String.format("%-28s %8d %8.0f %8.2fs  %-40s %s%n", entry.getKey(), phaseCalls.size(),
                    seconds > 0 ? phaseCalls.size() / seconds : 0, longestFailure(phaseCalls), statuses,
                    used == null ? "" : String.format("services %.2f, nodes %.2f", (double) used[0] / phaseCalls.size(),
                            (double) used[1] / phaseCalls.size())));
        }
        for (Call call : calls) {
            // a 5xx of the service is a 503 problem; HAProxy's own 502 and 504 answer requests cut off in a service
            // instance killed under them, and are allowed only for requests that ended after the kill
            boolean proxyCut = (call.status == 502 || call.status == 504) && !call.isProblem()
                    && endedDuring(call, KILL_SERVICE);
            if (call.failed() && call.phase.equals(ROLLING_RESTART)) {
                violations.add(ROLLING_RESTART + ": " + call.op + " failed (" + call.status + " " + call.problem + ")");
            } else if (call.status == 0 && !endedDuring(call, KILL_SERVICE)) {
                violations.add(call.phase + ": " + call.op + " got no answer");
            } else if (call.status >= 500 && !(call.status == 503 && call.isProblem()) && !proxyCut) {
                violations.add(call.phase + ": " + call.op + " answered " + call.status
                        + (call.isProblem() ? " (problem " + call.problem + ")" : " (not a problem)"));
            }
        }
        long acknowledged = cells.values().stream().flatMap(cell -> cell.writes.stream())
                .filter(write -> write.outcome == Outcome.ACKNOWLEDGED).count();
        out.append(String.format("%nacknowledged writes checked: %d (cells: %d), on %d nodes and through the API%n",
                acknowledged, cells.size(), nodes.size()));
        out.append("violations: ").append(violations.size()).append('\n');
        // by kind (the text with its numbers masked), with an example of each
        Map<String, List<String>> kinds = new TreeMap<>();
        violations.forEach(violation -> kinds.computeIfAbsent(violation.replaceAll("\\d+", "#"),
                ignored -> new ArrayList<>()).add(violation));
        kinds.values().forEach(
                same -> out.append(String.format("  %6d x %s%n", same.size(), same.get(0))));
        writeCalls();
        return out.toString();
    }

    record Transition(String phase, long start) {
    }

    /** The stretches of time {@code phase} was the current one, as {start, end}; the last one ends at {@code last}. */
    private List<long[]> stretches(String phase, long last) {
        List<long[]> stretches = new ArrayList<>();
        for (int i = 0; i < transitions.size(); i++) {
            if (transitions.get(i).phase.equals(phase)) {
                stretches.add(new long[] { transitions.get(i).start,
                        i + 1 < transitions.size() ? transitions.get(i + 1).start : last });
            }
        }
        return stretches;
    }

    /** How long the phase lasted, all its stretches together; the last phase to its last answer. */
    private double phaseSeconds(String phase, List<Call> phaseCalls) {
        long last = phaseCalls.stream().mapToLong(Call::end).max().orElse(0);
        return stretches(phase, last).stream().mapToLong(stretch -> Math.max(0, stretch[1] - stretch[0])).sum() / 1e9;
    }

    /** Whether the call ended while {@code phase} was the current one. */
    private boolean endedDuring(Call call, String phase) {
        return stretches(phase, Long.MAX_VALUE).stream()
                .anyMatch(stretch -> call.end >= stretch[0] && call.end < stretch[1]);
    }

    /** Every request, for a timeline: phase, operation, start and duration in ms, status (0: no answer). */
    private void writeCalls() throws IOException {
        long first = calls.stream().mapToLong(Call::start).min().orElse(0);
        StringBuilder lines = new StringBuilder("phase\top\tstart_ms\tduration_ms\tstatus\tproblem\n");
        calls.stream().sorted((a, b) -> Long.compare(a.start, b.start))
                .forEach(call -> lines.append(call.phase).append('\t').append(call.op).append('\t')
                        .append((call.start - first) / 1_000_000).append('\t').append((call.end - call.start) / 1_000_000)
                        .append('\t').append(call.status).append('\t').append(call.problem).append('\n'));
        Files.writeString(dir.resolve("logs/calls.tsv"), lines);
    }

    /** The longest stretch, in seconds, from a failed request's start to the end of the last failure before a success. */
    private static double longestFailure(List<Call> phaseCalls) {
        List<Call> byEnd = new ArrayList<>(phaseCalls);
        byEnd.sort((a, b) -> Long.compare(a.end, b.end));
        long longest = 0;
        long firstFailure = -1;
        for (Call call : byEnd) {
            if (call.failed()) {
                firstFailure = firstFailure < 0 ? call.start : Math.min(firstFailure, call.start);
                longest = Math.max(longest, call.end - firstFailure);
            } else {
                firstFailure = -1;
            }
        }
        return longest / 1e9;
    }

    /** CPU milliseconds the services and the nodes used per phase, as the script sampled them (cpu.tsv). */
    private Map<String, long[]> cpu() throws IOException {
        Map<String, long[]> used = new HashMap<>();
        Path file = dir.resolve("cpu.tsv");
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.split("\t");
                used.put(fields[0], new long[] { Long.parseLong(fields[1]), Long.parseLong(fields[2]) });
            }
        }
        return used;
    }
}
