package io.reelgraph.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Browser;
import io.reelgraph.support.Database;
import io.reelgraph.support.Tokens;
import io.restassured.path.json.JsonPath;

/**
 * The explorer page in a real browser (headless Chromium) against the running service and its database: what it
 * draws is read back from the chart's own model and compared with the API's answer; clicks land on the drawn nodes.
 */
@QuarkusTest
class ExplorerPageTest {

    private static WebDriver browser;

    @Inject
    Database db;

    @TestHTTPResource("/")
    URL page;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start(1400, 1000);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** An author who uploads two videos, features the first, and is credited on the second and on a third. */
    private record Catalogue(long author, String name, long first, long second, long third, String firstCode,
            String secondCode) {
    }

    private Catalogue catalogue(String prefix) {
        String name = Api.unique(prefix);
        long author = Api.createAuthor(name);
        String firstCode = Api.unique("f");
        String secondCode = Api.unique("s");
        long first = upload(author, firstCode);
        long second = upload(author, secondCode);
        long third = Api.createVideo(Api.unique("t"));
        Api.put("/authors/" + author + "/featured-video", "{\"videoId\":" + first + "}").statusCode(200);
        Api.put("/videos/" + second + "/credits/" + author, "{\"extraData\":\"director\"}").statusCode(201);
        Api.put("/videos/" + third + "/credits/" + author, "{\"extraData\":\"camera\"}").statusCode(201);
        return new Catalogue(author, name, first, second, third, firstCode, secondCode);
    }

    private static long upload(long author, String code) {
        return Api.post("/authors/" + author + "/videos", "{\"code\":\"" + code + "\"}").statusCode(201).extract()
                .jsonPath().getLong("id");
    }

    @Test
    void aSearchOpensTheNeighbourhoodDrawnAsTheApiAnswersIt() {
        Catalogue shown = catalogue("Searched ");
        for (int i = 1; i <= 9; i++) {
            Api.createAuthor(shown.name() + " " + i);
        }
        browser.get(page.toString());
        type(By.id("search"), shown.name());
        // results as you type, 8 at a time, then the next page
        await(b -> b.findElements(By.cssSelector("#results button[data-node^='author:']")).size() == 8);
        click(By.xpath("//button[.='More authors']"));
        await(b -> b.findElements(By.cssSelector("#results button[data-node^='author:']")).size() == 10);
        assertTrue(text(By.id("results-status")).startsWith("10 authors"), text(By.id("results-status")));
        click(By.cssSelector("#results button[data-node='author:" + shown.author() + "']"));
        awaitDrawn("author:" + shown.author());

        JsonPath graph = Api.get("/graph?author=" + shown.author() + "&depth=2&limit=200").statusCode(200).extract()
                .jsonPath();
        assertEquals(nodes(graph.getList("nodes")), nodes(drawn("nodes")), "the drawn nodes are the API's");
        assertEquals(edges(graph.getList("edges")), edges(drawn("edges")), "the drawn edges are the API's");
        assertEquals(4, drawn("nodes").size());
        assertTrue(edges(drawn("edges")).contains("author:" + shown.author() + " video:" + shown.third()
                + " credit camera"), "the credit is drawn with its data");
        assertTrue(browser.getCurrentUrl().contains("author=" + shown.author()), browser.getCurrentUrl());
        assertTrue(text(By.id("status")).contains("4 nodes and 5 edges"), text(By.id("status")));
        Browser.screenshot(browser, "explorer-graph");

        // the table view holds the same nodes and edges
        click(By.id("as-table"));
        assertEquals(nodes(graph.getList("nodes")), browser.findElements(By.cssSelector("#nodes tbody tr")).stream()
                .map(row -> row.getAttribute("data-node") + " " + row.findElement(By.tagName("th")).getText())
                .map(row -> row.replaceFirst("^(author|video)(:\\d+) ", "$1$2 $1 ")).collect(Collectors.toSet()));
        assertEquals(5, browser.findElements(By.cssSelector("#edges tbody tr")).size());
        Browser.screenshot(browser, "explorer-table");
        click(By.id("as-graph"));

        // another depth: the URL and the drawing follow
        new Select(browser.findElement(By.id("depth"))).selectByValue("1");
        await(b -> url().contains("depth=1") && text(By.id("status")).contains("within 1 links"));
        JsonPath near = Api.get("/graph?author=" + shown.author() + "&depth=1&limit=200").statusCode(200).extract()
                .jsonPath();
        assertEquals(nodes(near.getList("nodes")), nodes(drawn("nodes")));
        assertEquals(edges(near.getList("edges")), edges(drawn("edges")));
    }

    @Test
    void clickingANodeOpensItAndTheUrlTakesTheViewAlong() {
        Catalogue shown = catalogue("Clicked ");
        browser.get(page + "?author=" + shown.author() + "&depth=1&limit=50");
        awaitDrawn("author:" + shown.author());

        clickDrawn("video:" + shown.second());
        await(b -> text(By.id("panel")).contains("Video " + shown.secondCode()));
        assertTrue(text(By.id("panel")).contains("director"), text(By.id("panel")));
        assertTrue(url().contains("node=video:" + shown.second()), url());

        click(By.xpath("//div[@id='panel']/button[starts-with(., 'Centre the graph on')]"));
        awaitDrawn("video:" + shown.second());
        assertEquals("view", active().getAttribute("id"), "the focus went to the neighbourhood");
        assertTrue(browser.getCurrentUrl().contains("video=" + shown.second()), browser.getCurrentUrl());
        Browser.screenshot(browser, "explorer-recentred");

        browser.navigate().refresh();
        awaitDrawn("video:" + shown.second());
        assertEquals("1", browser.findElement(By.id("depth")).getDomProperty("value"), "the depth came back");
        browser.navigate().back();
        awaitDrawn("author:" + shown.author());
    }

    @Test
    void anEditorAddsACreditAndSeesItDrawn() {
        Catalogue shown = catalogue("Edited ");
        long newcomer = Api.createAuthor(Api.unique("Newcomer "));
        browser.get(page + "?author=" + shown.author());
        awaitDrawn("author:" + shown.author());
        token(Tokens.editorJwt());

        WebElement form = browser.findElement(By.id("credit"));
        replace(form.findElement(By.name("authorId")), String.valueOf(newcomer));
        replace(form.findElement(By.name("videoId")), String.valueOf(shown.first()));
        replace(form.findElement(By.name("extraData")), "sound");
        form.findElement(By.name("set")).click();

        await(b -> edges(drawn("edges")).contains("author:" + newcomer + " video:" + shown.first() + " credit sound"));
        assertTrue(result("credit").contains("credited on " + shown.firstCode() + " (sound)"), result("credit"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM video_author WHERE author_id = ? AND video_id = ?"
                + " AND extra_data = 'sound'", newcomer, shown.first()));
        Browser.screenshot(browser, "explorer-credit-added");

        await(b -> form.findElement(By.name("clear")).isEnabled());
        form.findElement(By.name("clear")).click();
        await(b -> !edges(drawn("edges")).contains("author:" + newcomer + " video:" + shown.first() + " credit sound"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM video_author WHERE author_id = ? AND video_id = ?", newcomer,
                shown.first()));
    }

    @Test
    void problemsAreShownInWordsAndLeaveTheViewAsItWas() {
        Catalogue shown = catalogue("Refused ");
        Catalogue other = catalogue("Featuring ");
        browser.get(page + "?author=" + shown.author());
        awaitDrawn("author:" + shown.author());
        Set<String> before = edges(drawn("edges"));
        String rows = db.fingerprint();

        // 401: no token
        token("");
        WebElement author = browser.findElement(By.id("create-author"));
        replace(author.findElement(By.name("name")), "nobody");
        author.findElement(By.tagName("button")).click();
        awaitResult("create-author", "Not saved: ");
        assertTrue(result("create-author").startsWith("Not saved: Authentication required"), result("create-author"));

        // 403: a token without the editor's role
        token(Tokens.withRoles("viewer").substring("Bearer ".length()));
        author.findElement(By.tagName("button")).click();
        awaitResult("create-author", "Not saved: Not allowed");

        // 409: the video is featured by another author already
        token(Tokens.editorJwt());
        WebElement featured = browser.findElement(By.id("featured"));
        replace(featured.findElement(By.name("authorId")), String.valueOf(shown.author()));
        replace(featured.findElement(By.name("videoId")), String.valueOf(other.first()));
        featured.findElement(By.name("set")).click();
        awaitResult("featured", "already featured by author " + other.author());
        Browser.screenshot(browser, "explorer-conflict");

        // 400 with its violations: a name with a right-to-left override
        replace(author.findElement(By.name("name")), "evil\u202Ename");
        author.findElement(By.tagName("button")).click();
        awaitResult("create-author", "name: must not contain control");

        // 404: a video that does not exist
        WebElement credit = browser.findElement(By.id("credit"));
        replace(credit.findElement(By.name("authorId")), String.valueOf(shown.author()));
        replace(credit.findElement(By.name("videoId")), "999999999");
        credit.findElement(By.name("set")).click();
        awaitResult("credit", "999999999");
        assertTrue(result("credit").startsWith("Not saved: Not found"), result("credit"));

        // a missing id is asked for before anything is sent
        replace(featured.findElement(By.name("videoId")), "");
        featured.findElement(By.name("set")).click();
        awaitResult("featured", "Give the video id.");

        assertEquals(before, edges(drawn("edges")), "the drawing did not change");
        assertEquals(rows, db.fingerprint(), "nothing was written");
    }

    @Test
    void aLargeNeighbourhoodSaysWhereItWasCut() {
        Catalogue shown = catalogue("Hub ");
        db.update("INSERT INTO video (code, author_id) SELECT CONCAT('h', seq), ? FROM seq_1_to_700", shown.author());
        browser.get(page + "?author=" + shown.author() + "&depth=1&limit=500");
        awaitDrawn("author:" + shown.author());
        assertEquals(500, drawn("nodes").size());
        assertTrue(text(By.id("status")).contains("Truncated"), text(By.id("status")));
        // dragging a node moves it alone, and the page keeps answering: a video with no other node near it, where it
        // is and where it is dragged to, and away from the hub and its label, so that each press lands on it alone
        List<Map<String, Object>> before = drawn("nodes");
        Map<String, Object> hub = node("author:" + shown.author());
        Map<String, Object> dragged = before.stream().filter(n -> "video".equals(n.get("type")))
                .filter(n -> Math.hypot(x(hub) - x(n), y(hub) - y(n)) > 150)
                .filter(n -> before.stream().filter(other -> other != n).allMatch(
                        other -> Math.hypot(x(other) - x(n), y(other) - y(n)) > 16
                                && Math.hypot(x(other) - x(n) - 40, y(other) - y(n) - 30) > 16))
                .findFirst().orElseThrow(() -> new AssertionError("no video apart from the others"));
        new Actions(browser).moveToLocation(x(dragged), y(dragged)).clickAndHold().moveByOffset(40, 30).release()
                .perform();
        Map<String, Object> moved = node((String) dragged.get("id"));
        assertTrue(Math.abs(x(moved) - x(dragged) - 40) <= 3 && Math.abs(y(moved) - y(dragged) - 30) <= 3,
                dragged + " -> " + moved);
        List<String> stayed = before.stream().filter(n -> n != dragged).map(n -> n.get("id") + " " + x(n) + " " + y(n))
                .toList();
        assertEquals(stayed, drawn("nodes").stream().filter(n -> !n.get("id").equals(dragged.get("id")))
                .map(n -> n.get("id") + " " + x(n) + " " + y(n)).toList(), "the other nodes stay");
        clickDrawn((String) dragged.get("id"));
        await(b -> text(By.id("panel")).contains("Video " + dragged.get("label")));
        Browser.screenshot(browser, "explorer-500-nodes");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aKeyboardAloneInANarrowWindowFindsAndOpensNodes() {
        Catalogue shown = catalogue("Keys ");
        browser.manage().window().setSize(new Dimension(420, 900));
        try {
            browser.get(page.toString());
            Rectangle find = browser.findElement(By.id("find")).getRect();
            Rectangle view = browser.findElement(By.id("view")).getRect();
            assertTrue(view.getY() >= find.getY() + find.getHeight() && view.getX() == find.getX(),
                    "one column: " + find + " above " + view);
            assertEquals(true, script("return document.documentElement.scrollWidth"
                    + " <= document.documentElement.clientWidth"), "no sideways scrolling");

            browser.findElement(By.id("search")).sendKeys(shown.name());
            pressTabUntil(By.cssSelector("#results button[data-node='author:" + shown.author() + "']"));
            active().sendKeys(Keys.ENTER);
            awaitDrawn("author:" + shown.author());

            pressTabUntil(By.id("as-table"));
            active().sendKeys(Keys.ENTER);
            By open = By.xpath("//tr[@data-node='video:" + shown.third() + "']//button[.='Open']");
            pressTabUntil(open);
            active().sendKeys(Keys.ENTER);
            await(b -> text(By.id("panel")).contains("camera"));
            Browser.screenshot(browser, "explorer-narrow-table");
            // re-centred from the table, then drawn when the graph is shown again, in the chart's visible box
            pressTabUntil(By.xpath("//tr[@data-node='video:" + shown.third() + "']//button[.='Centre']"));
            active().sendKeys(Keys.ENTER);
            await(b -> ("video:" + shown.third()).equals(script("return window.reelgraphExplorer.state.centre")));
            pressTabUntil(By.id("as-graph"));
            active().sendKeys(Keys.ENTER);
            awaitDrawn("video:" + shown.third());
            // where the chart is in the window, as the drawn nodes' places are
            List<Number> box = (List<Number>) script("const r = document.getElementById('chart')"
                    + ".getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]");
            assertEquals(List.of(), drawn("nodes").stream().filter(n -> x(n) < box.get(0).intValue()
                    || y(n) < box.get(1).intValue() || x(n) > box.get(2).intValue() || y(n) > box.get(3).intValue())
                    .toList(), "the graph centred while the table showed is laid out in the chart's box " + box);
        } finally {
            browser.manage().window().setSize(new Dimension(1400, 1000));
        }
    }

    // --- the browser ---------------------------------------------------------------------------------------------

    private static void await(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(condition);
    }

    /** The neighbourhood of {@code centre} is drawn and the panel shows the selected node. */
    private static void awaitDrawn(String centre) {
        await(b -> centre.equals(script("return window.reelgraphExplorer?.state.centre"))
                && !drawn("nodes").isEmpty() && text(By.id("status")).contains("nodes and")
                && Boolean.TRUE.equals(script("const s = window.reelgraphExplorer.state; return s.opened === s.selected")));
    }

    private static String result(String form) {
        return browser.findElement(By.cssSelector("#" + form + " .result")).getText();
    }

    private static void awaitResult(String form, String words) {
        await(b -> result(form).contains(words));
    }

    private static Map<String, Object> node(String id) {
        return drawn("nodes").stream().filter(n -> id.equals(n.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not drawn"));
    }

    private static int x(Map<String, Object> node) {
        return (int) Math.round(((Number) node.get("x")).doubleValue());
    }

    private static int y(Map<String, Object> node) {
        return (int) Math.round(((Number) node.get("y")).doubleValue());
    }

    private static Object script(String code, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(code, args);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> drawn(String part) {
        return (List<Map<String, Object>>) ((Map<String, Object>) script(
                "return window.reelgraphExplorer.drawn()")).get(part);
    }

    /** A real click where the chart drew the node. */
    private static void clickDrawn(String id) {
        Map<String, Object> node = node(id);
        new Actions(browser).moveToLocation(x(node), y(node)).click().perform();
    }

    private static WebElement active() {
        return browser.switchTo().activeElement();
    }

    /** Moves the focus with the Tab key alone until it is on {@code target}: the target is reachable by keyboard. */
    private static void pressTabUntil(By target) {
        await(b -> !b.findElements(target).isEmpty());
        WebElement wanted = browser.findElement(target);
        for (int presses = 0; !wanted.equals(active()); presses++) {
            assertTrue(presses < 200, target + " is never reached with the Tab key");
            active().sendKeys(Keys.TAB);
        }
    }

    private static void click(By target) {
        await(b -> !b.findElements(target).isEmpty() && b.findElement(target).isDisplayed());
        browser.findElement(target).click();
    }

    private static void type(By target, String text) {
        browser.findElement(target).sendKeys(text);
    }

    private static void replace(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    private static void token(String token) {
        WebElement input = browser.findElement(By.id("token"));
        script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", input, token);
    }

    private static String url() {
        return URLDecoder.decode(browser.getCurrentUrl(), StandardCharsets.UTF_8);
    }

    private static String text(By target) {
        return browser.findElement(target).getText();
    }

    private static Set<String> nodes(List<Map<String, Object>> nodes) {
        return nodes.stream().map(n -> n.get("id") + " " + n.get("type") + " " + n.get("label"))
                .collect(Collectors.toSet());
    }

    private static Set<String> edges(List<Map<String, Object>> edges) {
        return edges.stream().map(e -> e.get("from") + " " + e.get("to") + " " + e.get("kind")
                + (e.get("extraData") == null ? "" : " " + e.get("extraData"))).collect(Collectors.toSet());
    }
}
