package io.reelgraph.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven through its chromedriver, both from the system (Debian: {@code chromium},
 * {@code chromium-driver}). Without them the browser tests are skipped with one line saying what to install, unless
 * {@code REELGRAPH_REQUIRE_BROWSER=true} (CI), where their absence fails the tests instead.
 */
public final class Browser {

    private static final List<String> CHROMIUMS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {
    }

    /** A new browser with a window of {@code width} x {@code height}, or the test is skipped (see the class). */
    public static WebDriver start(int width, int height) {
        Optional<String> chromium = CHROMIUMS.stream().filter(path -> Files.isExecutable(Path.of(path))).findFirst();
        Optional<String> driver = DRIVERS.stream().filter(path -> Files.isExecutable(Path.of(path))).findFirst();
        if (chromium.isEmpty() || driver.isEmpty()) {
            String missing = "no Chromium or chromedriver: install them (Debian: apt-get install chromium chromium-driver)"
                    + " to run the browser tests";
            System.err.println("[browser tests skipped] " + missing);
            if (Boolean.parseBoolean(System.getenv("REELGRAPH_REQUIRE_BROWSER"))) {
                Assertions.fail(missing);
            }
            Assumptions.abort(missing);
        }
        ChromeOptions options = new ChromeOptions().setBinary(chromium.get())
                // root in CI has no user namespace sandbox; /dev/shm is small in containers
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(driver.get())
                .toFile()).build();
        return new ChromeDriver(service, options);
    }

    /** Saves what the browser shows as target/screenshots/{name}.png, for a person to review. */
    public static void screenshot(WebDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException("cannot save the screenshot " + name, e);
        }
    }
}
