package io.pgqrs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Config;
import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.QueueWorker;
import io.pgqrs.Workflow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every page in Debian's headless Chromium, driven by Selenium through {@code /usr/bin/chromedriver} (nothing is
 * downloaded). One browser and one server for the class; screenshots go to {@code target/screenshots}.
 */
class BrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** The page checks the store every 5 s, and a connection attempt gives up after 2 s here. */
    private static final Duration OUTAGE_WAIT = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    static Pgqrs pgqrs;
    static Dashboard dashboard;
    static DashboardServer server;
    static WebDriver browser;
    static String base;
    static List<Message> dead;
    static long runId;

    @BeforeAll
    static void start() throws Exception {
        pgqrs = Pgqrs.connect("sqlite:" + dir.resolve("browser.db"));
        pgqrs.admin().install();
        pgqrs.admin().createQueue("emails");
        pgqrs.admin().createQueue("reports");
        List<Object> payloads = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            payloads.add(Map.of("to", "user" + i + "@example.com", "subject", "Invoice " + i));
        }
        pgqrs.producer("emails").enqueueBatch(payloads);
        pgqrs.producer("emails").enqueue(Map.of("note", "<script>alert(1)</script>"));
        pgqrs.producer("reports").enqueueBatch(List.of(Map.of("report", "daily"), Map.of("report", "weekly")));
        Consumer consumer = pgqrs.consumer("emails");
        dead = consumer.dequeue(3);
        dead.forEach(m -> consumer.deadLetter(m, "SMTP 550: mailbox unavailable for message " + m.id()));
        consumer.dequeue(5).forEach(m -> consumer.archive(m.id()));
        Workflow<String, String> review = pgqrs.workflows().define("review", String.class, String.class,
                (ctx, order) -> ctx.step("check", String.class, () -> "checked " + order)
                        + ctx.step("ship", String.class, () -> " and shipped"));
        try (QueueWorker worker = review.worker().start()) {
            var handle = review.trigger("order-42");
            handle.result(WAIT);
            runId = handle.id();
        }
        pgqrs.schedules().upsert("weekly-report", "0 6 * * 1", ZoneId.of("UTC"), "reports", Map.of("report", "weekly"));
        dashboard = Dashboard.builder(pgqrs).sampleInterval(Duration.ofSeconds(1)).build();
        server = DashboardServer.start(dashboard, new InetSocketAddress("127.0.0.1", 0));
        base = "http://127.0.0.1:" + server.port();

        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        server.close();
        dashboard.close();
        pgqrs.close();
    }

    @Test
    void overviewShowsEveryQueueAndTheChart() {
        browser.get(base + "/");
        WebElement row = browser.findElement(By.cssSelector("tr[data-queue='emails']"));
        assertThat(row.findElement(By.cssSelector(".dead")).getText())
                .isEqualTo(String.valueOf(pgqrs.admin().queueMetrics("emails").deadMessages()));
        assertThat(browser.findElements(By.cssSelector("tr[data-queue='reports']"))).hasSize(1);
        // The sampler runs every second: wait for two samples, then the chart is drawn.
        browser.navigate().refresh();
        waitUntil(WAIT, d -> {
            d.navigate().refresh();
            return !d.findElements(By.cssSelector("svg.spark polyline")).isEmpty();
        });
        screenshot("dashboard-overview");
    }

    @Test
    void aPayloadWithAScriptIsShownAsText() {
        browser.get(base + "/queues/emails");
        assertThat(browser.findElement(By.id("messages")).getText()).contains("<script>alert(1)</script>");
        boolean alert;
        try {
            browser.switchTo().alert();
            alert = true;
        } catch (NoAlertPresentException e) {
            alert = false;
        }
        assertThat(alert).as("an alert opened").isFalse();
        screenshot("dashboard-queue");
        browser.findElement(By.linkText("archived")).click();
        assertThat(browser.findElements(By.cssSelector("#messages tr[data-id]"))).hasSize(8);
    }

    @Test
    void replayingADeadLetterByClickingMovesItAndChangesTheCounts() {
        browser.get(base + "/queues/emails/dead");
        long id = dead.get(0).id();
        assertThat(browser.findElement(By.cssSelector("dd.dead")).getText()).isEqualTo(String.valueOf(3 - replayedBefore()));
        String deadBefore = browser.findElement(By.cssSelector("dd.dead")).getText();
        String pendingBefore = browser.findElement(By.cssSelector("dd.pending")).getText();
        browser.findElement(By.cssSelector("tr[data-id='" + id + "'] button.replay")).click();
        waitUntil(WAIT, d -> d.findElements(By.cssSelector("tr[data-id='" + id + "']")).isEmpty());
        assertThat(Long.parseLong(browser.findElement(By.cssSelector("dd.dead")).getText())).isEqualTo(Long.parseLong(deadBefore) - 1);
        assertThat(Long.parseLong(browser.findElement(By.cssSelector("dd.pending")).getText())).isEqualTo(Long.parseLong(pendingBefore) + 1);
        browser.get(base + "/queues/emails?state=pending");
        assertThat(browser.findElements(By.cssSelector("#messages tr[data-id='" + id + "']"))).hasSize(1);
        screenshot("dashboard-dead-letters");
    }

    private static int replayedBefore() {
        return (int) (3 - pgqrs.admin().queueMetrics("emails").deadMessages());
    }

    @Test
    void workersCanBeSuspendedByClicking() {
        Consumer consumer = pgqrs.consumer("reports");
        browser.get(base + "/workers");
        WebElement row = browser.findElement(By.cssSelector("tr[data-id='" + consumer.id() + "']"));
        assertThat(row.getText()).contains("Ready").contains("reports");
        row.findElement(By.xpath(".//button[text()='suspend']")).click();
        waitUntil(WAIT, d ->
                d.findElement(By.cssSelector("tr[data-id='" + consumer.id() + "']")).getText().contains("Suspended"));
        screenshot("dashboard-workers");
    }

    @Test
    void aScheduleIsPausedAndResumedByClicking() {
        browser.get(base + "/");
        browser.findElement(By.linkText("Schedules")).click();
        By row = By.cssSelector("#schedules tr[data-name='weekly-report']");
        assertThat(browser.findElement(row).getText()).contains("reports").contains("0 6 * * 1").contains("active");
        browser.findElement(row).findElement(By.xpath(".//button[text()='pause']")).click();
        waitUntil(WAIT, d -> d.findElement(row).findElement(By.cssSelector("td.state")).getText()
                .equals("paused"));
        assertThat(pgqrs.schedules().get("weekly-report").orElseThrow().paused()).isTrue();
        screenshot("dashboard-schedules");
        browser.findElement(row).findElement(By.xpath(".//button[text()='resume']")).click();
        waitUntil(WAIT, d -> d.findElement(row).findElement(By.cssSelector("td.state")).getText()
                .equals("active"));
        assertThat(pgqrs.schedules().get("weekly-report").orElseThrow().paused()).isFalse();
    }

    @Test
    void aWorkflowRunShowsItsStepsAsATimeline() {
        browser.get(base + "/workflows");
        assertThat(browser.findElement(By.cssSelector("#workflows td.run-counts")).getText()).isEqualTo("SUCCESS 1");
        browser.findElement(By.linkText("review")).click();
        browser.findElement(By.linkText(String.valueOf(runId))).click();
        List<WebElement> steps = browser.findElements(By.cssSelector("ol.timeline li"));
        assertThat(steps).extracting(WebElement::getText).anySatisfy(t -> assertThat(t).contains("check").contains("SUCCESS"));
        assertThat(steps).hasSize(2);
        screenshot("dashboard-run");
    }

    @Test
    void anUnknownQueueIsA404Page() {
        browser.get(base + "/queues/nope");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(browser.getPageSource()).doesNotContain("Exception");
    }

    /**
     * The store goes away while a page is open (its database refuses connections and the open ones are ended): the page
     * says so, and reloads by itself once the store is back. PostgreSQL, in a database of its own.
     */
    @Test
    void aStoreThatGoesAwayIsShownOnTheOpenPageWhichRecoversWhenItIsBack() {
        try (PostgresOutage outage = new PostgresOutage();
             Pgqrs store = Pgqrs.connect(Config.builder(outage.dsn()).connectionTimeout(Duration.ofSeconds(2)).build())) {
            store.admin().install();
            store.admin().createQueue("outage");
            store.producer("outage").enqueue(Map.of("n", 1));
            try (Dashboard outageDashboard = Dashboard.builder(store).build();
                 DashboardServer outageServer = DashboardServer.start(outageDashboard, new InetSocketAddress("127.0.0.1", 0))) {
                browser.get("http://127.0.0.1:" + outageServer.port() + "/queues/outage");
                assertThat(browser.findElement(By.id("store-status")).isDisplayed()).isFalse();
                assertThat(browser.findElements(By.cssSelector("#messages tr[data-id]"))).hasSize(1);

                outage.cutOff();
                waitUntil(OUTAGE_WAIT, d -> d.findElement(By.id("store-status")).isDisplayed());
                assertThat(browser.findElement(By.id("store-status")).getText()).contains("The store is not answering");
                screenshot("dashboard-store-down");

                outage.restore();
                waitUntil(OUTAGE_WAIT, d -> !d.findElement(By.id("store-status")).isDisplayed());
                assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Queue outage");
                assertThat(browser.findElements(By.cssSelector("#messages tr[data-id]"))).hasSize(1);
            }
        }
    }

    /**
     * Waits for a condition on the page. An action's POST ends in a reload, so an element found just before it
     * may be gone when it is read: such a read is tried again, as a missing element is.
     */
    private static void waitUntil(Duration timeout, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, timeout).ignoring(StaleElementReferenceException.class).until(condition);
    }

    private static void screenshot(String name) {
        try {
            Path target = Path.of("target", "screenshots");
            Files.createDirectories(target);
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
