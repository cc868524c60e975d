package io.predictivescaling.cli.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.cli.Main;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * report.html as a person sees it: opened from disk in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which .ci/run installs), offline, at a desktop and a phone size. Screenshots land in
 * {@code cli/target/screenshots/}.
 */
class ReportInBrowserIT {
    /** Selenium's notice that it has no DevTools bindings for this Chromium: not used here, and noise in the log. */
    private static final java.util.logging.Logger SELENIUM = java.util.logging.Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM.setLevel(Level.SEVERE);
    }

    @TempDir
    Path dir;

    private ChromeDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void theReportOpensOfflineWithTheVerdictWithoutErrorsZoomsAndMarksEventsAndTrends() throws Exception {
        Path trace = dir.resolve("small.csv");
        writeTrace(trace);
        Path events = dir.resolve("events.csv");
        Files.writeString(events, "start,end,type,name\n2026-03-08T10:00:00Z,2026-03-08T20:00:00Z,sale,Spring sale\n");
        Path mentions = dir.resolve("mentions.csv");
        writeMentions(mentions);
        Path out = dir.resolve("out");
        assertThat(Main.run(
                        "backtest",
                        "--trace",
                        trace.toString(),
                        "--out",
                        out.toString(),
                        "--quiet",
                        "--unit-price",
                        "0.04",
                        "--load-unit",
                        "requests/min",
                        "--events",
                        events.toString(),
                        "--social",
                        mentions.toString(),
                        "--keyword",
                        "shop"))
                .isZero();
        driver = chromium(1400, 900);
        JavascriptExecutor js = driver;
        driver.get(out.resolve("report.html").toUri().toString());

        assertThat(driver.findElement(By.id("verdict")).getText())
                .startsWith("Against reactive scaling")
                .contains("a month at 0.04 per unit-hour");
        assertThat(driver.findElements(By.cssSelector("#detail canvas"))).hasSize(1);
        assertThat(driver.findElement(By.cssSelector("#detail .u-legend")).getText())
                .contains("P10–P90 forecast")
                .contains("predictive under-provisioned");
        assertThat(js.executeScript("return detail.axes[1].label"))
                .as("the y axis title")
                .isEqualTo("load (requests/min)");
        screenshot(out, "report-1400x900.png");
        js.executeScript("document.getElementById('overview').scrollIntoView()");
        screenshot(out, "report-1400x900-chart.png");
        js.executeScript("window.scrollTo(0, 0)");

        double before = span(js);
        WebElement plot = driver.findElement(By.cssSelector("#detail .u-over"));
        new Actions(driver)
                .scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(plot), 0, -200)
                .perform();
        double afterWheel = span(js);
        assertThat(afterWheel).as("the wheel zooms in").isLessThan(before * 0.9);
        WebElement overview = driver.findElement(By.cssSelector("#overview .u-over"));
        new Actions(driver)
                .moveToElement(overview, -overview.getSize().width / 2 + 10, 0)
                .clickAndHold()
                .moveByOffset(overview.getSize().width / 3, 0)
                .release()
                .perform();
        double picked = span(js);
        assertThat(picked)
                .as("a range dragged on the overview is what the detail shows")
                .isNotEqualTo(afterWheel);
        assertThat((Double) ((Number) js.executeScript("return detail.scales.x.min")).doubleValue())
                .isLessThan((Double) ((Number) js.executeScript("return D.start + 2 * 86400")).doubleValue());

        marksAreDrawnListedAndNamedOnHover(js);

        driver.manage().window().setSize(new Dimension(390, 844));
        Thread.sleep(300);
        Number overflow = (Number)
                js.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue())
                .as("nothing wider than a phone's screen")
                .isLessThanOrEqualTo(0);
        assertThat(driver.findElement(By.cssSelector("td[data-label='cost vs reactive']"))
                        .isDisplayed())
                .isTrue();
        screenshot(out, "report-390x844.png");
        js.executeScript("document.getElementById('overview').scrollIntoView()");
        screenshot(out, "report-390x844-chart.png");
        js.executeScript("document.getElementById('sizings').scrollIntoView()");
        screenshot(out, "report-390x844-sizings.png");

        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                errors.add(e.getMessage());
            }
        }
        assertThat(errors).as("console errors and warnings").isEmpty();
    }

    /**
     * The calendar event is a band over its window and the trend a line at its detection, both in the legend and the
     * list under the chart; the list's button zooms to the event, hovering it names it, and the verdict area says
     * what each signal added.
     */
    private void marksAreDrawnListedAndNamedOnHover(JavascriptExecutor js) throws Exception {
        assertThat(driver.findElement(By.id("added")).getText())
                .contains("calendar events:")
                .contains("the social signal:")
                .contains("the load forecast's floors");
        assertThat(driver.findElement(By.id("marks-legend")).getText())
                .contains("calendar event (its window)")
                .contains("social trend detected")
                .contains("PrepareForSpike");
        List<WebElement> eventItems = driver.findElements(By.cssSelector("#marks li[data-kind=event]"));
        assertThat(eventItems).hasSize(1);
        assertThat(eventItems.get(0).getText()).contains("2026-03-08 10:00 to 2026-03-08 20:00: sale 'Spring sale'");
        List<WebElement> trendItems = driver.findElements(By.cssSelector("#marks li[data-kind=trend]"));
        assertThat(trendItems).as("the mention burst on 8 March is detected").isNotEmpty();
        assertThat(trendItems.get(0).getText())
                .contains("trend detected 2026-03-08")
                .contains("shop mentions");

        eventItems.get(0).findElement(By.tagName("button")).click();
        Thread.sleep(200);
        assertThat(((Number) js.executeScript("return drawnMarks.detail.event")).intValue())
                .isEqualTo(1);
        assertThat(((Number) js.executeScript("return drawnMarks.detail.trend")).intValue())
                .isGreaterThanOrEqualTo(1);
        assertThat(((Number) js.executeScript("return drawnMarks.overview.event")).intValue())
                .isEqualTo(1);
        // The band really is on the canvas: amber inside the event's window, white before it (near the top of the
        // plot, above the lines).
        // One readback of a row of pixels (several would make Chromium warn).
        String pixels = "const y = Math.round(detail.bbox.top + 3 * devicePixelRatio),"
                + " row = detail.ctx.getImageData(0, y, detail.ctx.canvas.width, 1).data;"
                + " return [...arguments].map(t => { const i = 4 * Math.round(detail.valToPos(t, 'x', true));"
                + " return [row[i], row[i + 1], row[i + 2]]; });";
        long mid = Instant.parse("2026-03-08T15:00:00Z").getEpochSecond();
        long before = Instant.parse("2026-03-08T04:00:00Z").getEpochSecond();
        List<?> both = (List<?>) js.executeScript(pixels, mid, before);
        List<?> inside = (List<?>) both.get(0);
        List<?> outside = (List<?>) both.get(1);
        assertThat(((Number) inside.get(0)).intValue() - ((Number) inside.get(2)).intValue())
                .as("amber inside the event: %s", inside)
                .isGreaterThan(20);
        assertThat(((Number) outside.get(0)).intValue() - ((Number) outside.get(2)).intValue())
                .as("white outside it: %s", outside)
                .isLessThan(5);
        screenshot(Path.of("."), "report-1400x900-marks.png");

        WebElement plot = driver.findElement(By.cssSelector("#detail .u-over"));
        int x = ((Number) js.executeScript(
                        "return detail.valToPos(arguments[0], 'x') - detail.over.clientWidth / 2", mid + 3600))
                .intValue();
        new Actions(driver).moveToElement(plot, x, 0).perform();
        assertThat(driver.findElement(By.id("mark-hover")).getText())
                .as("hovering the band names the event")
                .contains("Spring sale");
    }

    private static double span(JavascriptExecutor js) {
        return ((Number) js.executeScript("return detail.scales.x.max - detail.scales.x.min")).doubleValue();
    }

    private void screenshot(Path out, String name) throws Exception {
        Path folder = Path.of("target", "screenshots");
        Files.createDirectories(folder);
        Files.write(folder.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Eight days of a seeded daily cycle at 30 minutes, with a few sudden peaks reactive scaling misses. */
    static void writeTrace(Path file) throws Exception {
        Random random = new Random(16);
        StringBuilder b = new StringBuilder("timestamp,value\n");
        Instant start = Instant.parse("2026-03-02T00:00:00Z");
        for (int i = 0; i < 8 * 48; i++) {
            double hour = (i % 48) / 2.0;
            double v = 1000 + 800 * Math.max(0, Math.sin((hour - 6) / 24 * 2 * Math.PI)) + random.nextGaussian() * 40;
            if (i % 48 == 36) {
                v *= 1.6;
            }
            b.append(start.plusSeconds(1800L * i))
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.1f", v))
                    .append('\n');
        }
        Files.writeString(file, b);
    }

    /** Mentions on the trace's grid: about 50 per half hour, ten times that for three hours from 8 March 10:00. */
    static void writeMentions(Path file) throws Exception {
        Random random = new Random(18);
        StringBuilder b = new StringBuilder("timestamp,value\n");
        Instant start = Instant.parse("2026-03-02T00:00:00Z");
        Instant burst = Instant.parse("2026-03-08T10:00:00Z");
        for (int i = 0; i < 8 * 48; i++) {
            Instant t = start.plusSeconds(1800L * i);
            boolean loud = !t.isBefore(burst) && t.isBefore(burst.plusSeconds(3 * 3600));
            b.append(t)
                    .append(',')
                    .append(Math.round((loud ? 500 : 50) + random.nextGaussian() * 7))
                    .append('\n');
        }
        Files.writeString(file, b);
    }

    /** Debian's chromium and chromium-driver; a loud failure with the install command if they are missing. */
    private ChromeDriver chromium(int width, int height) throws Exception {
        File driverBinary = onPath("chromedriver");
        File browser = onPath("chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverBinary)
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static File onPath(String name) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(folder, name);
            if (f.canExecute()) {
                return f;
            }
        }
        throw new AssertionError(name + " not found on PATH: install it with "
                + "`apt-get install -y chromium chromium-driver` (.ci/run does this)");
    }
}
