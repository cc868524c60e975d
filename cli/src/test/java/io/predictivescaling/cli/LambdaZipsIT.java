package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.local.Moto;
import io.predictivescaling.aws.local.ProjectRoot;
import io.predictivescaling.cli.coldinit.ColdInitRun;
import io.predictivescaling.cli.local.LocalAws;
import io.predictivescaling.testing.LoopbackHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each function's packaged Lambda zip (functions/NAME/target/NAME.zip, the minimized jar sam deploys) started in
 * a fresh JVM with nothing but the zip and the Lambda runtime's event serializer on the class path, against moto:
 * a class the minimized zip dropped but the handler needs (reached by name, through ServiceLoader, by the runtime's
 * serializer) fails here as it would in Lambda. The calendars, feeds and the SSM token go through the zip's own
 * ical4j, ROME, Jackson and SSM client.
 */
class LambdaZipsIT {
    static final long MAX_ZIP_BYTES = 15_000_000;
    static final DateTimeFormatter ICS_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    static final ZonedDateTime NOW = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
    /** The five-minute interval fetch-sentiment counts is the one that just ended when the child runs. */
    static final ZonedDateTime INTERVAL_END = NOW.minusMinutes(NOW.getMinute() % 5);

    static final String ICS = String.join(
            "\r\n",
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//esports//schedule//EN",
            "BEGIN:VEVENT",
            "UID:final@example.com",
            "DTSTAMP:20261101T000000Z",
            "DTSTART:" + ICS_TIME.format(NOW.plusDays(2)),
            "DTEND:" + ICS_TIME.format(NOW.plusDays(2).plusHours(5)),
            "SUMMARY:Worlds Grand Final",
            "END:VEVENT",
            "END:VCALENDAR",
            "");
    /** One mention in the interval that just ended and one in the next (should the child start after it). */
    static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Game news</title>
            <item><title>YourGame 2 release date set</title><link>https://example.com/r</link>
              <pubDate>%s</pubDate></item>
            <item><title>YourGame 2 preorders open</title><link>https://example.com/p</link>
              <pubDate>%s</pubDate></item>
            </channel></rss>""".formatted(
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(INTERVAL_END.minusMinutes(2)),
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(INTERVAL_END.plusMinutes(3)));

    static Map<String, String> settings;
    static ColdInitRun cold;
    static LoopbackHttp http;

    @BeforeAll
    static void stack() {
        settings = BenchColdInitCommand.prepare(Moto.endpoint().toString());
        cold = new ColdInitRun();
        http = new LoopbackHttp();
    }

    @AfterAll
    static void stop() throws Exception {
        cold.close();
        http.close();
    }

    ColdInitRun.Result start(String function, Path event, Map<String, String> extra) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putAll(extra);
        ColdInitRun.Result r = cold.run(
                zip(function), BenchColdInitCommand.deployedHandler(function).getName(), event, all, 120);
        assertThat(r.ok()).as(function + " in a fresh JVM:\n" + r.stderr()).isTrue();
        return r;
    }

    static Path zip(String function) {
        return ProjectRoot.resolve("functions/" + function + "/target/" + function + ".zip");
    }

    @Test
    void everyFunctionZipIsUnder15Mb() throws Exception {
        for (String function : Functions.HANDLERS.keySet()) {
            assertThat(Files.size(zip(function))).as(function + ".zip bytes").isLessThan(MAX_ZIP_BYTES);
        }
    }

    @Test
    void everyServiceFileInAZipNamesOnlyClassesTheZipCarries() throws Exception {
        // A provider the minimized jar dropped breaks ServiceLoader for everyone: the JDK's ZoneRulesProvider, for
        // one, throws on its first region lookup when a listed provider class is missing.
        for (String function : Functions.HANDLERS.keySet()) {
            Set<String> classes = new HashSet<>();
            Map<String, List<String>> providers = new TreeMap<>();
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(zip(function)))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    if (e.getName().endsWith(".jar")) {
                        readJar(new ZipInputStream(zip), classes, providers);
                    } else if (e.getName().endsWith(".class")) {
                        classes.add(e.getName());
                    }
                }
            }
            List<String> missing = new java.util.ArrayList<>();
            providers.forEach((service, names) -> names.stream()
                    .filter(n -> !classes.contains(n.replace('.', '/') + ".class"))
                    .forEach(n -> missing.add(service + " -> " + n)));
            assertThat(missing)
                    .as(function + ".zip: providers its service files name but it lacks")
                    .isEmpty();
        }
    }

    private static void readJar(ZipInputStream jar, Set<String> classes, Map<String, List<String>> providers)
            throws java.io.IOException {
        for (ZipEntry e; (e = jar.getNextEntry()) != null; ) {
            if (e.getName().endsWith(".class")) {
                classes.add(e.getName());
            } else if (e.getName().startsWith("META-INF/services/") && !e.isDirectory()) {
                String text = new String(jar.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                providers.put(
                        e.getName(),
                        text.lines()
                                .map(l -> l.replaceFirst("#.*", "").strip())
                                .filter(l -> !l.isEmpty())
                                .toList());
            }
        }
    }

    @Test
    void eachZipConstructsItsHandlerAndHandlesItsSampleEventAlone() throws Exception {
        for (String function : List.of("analyze-patterns", "score-feedback", "dispatch-targets", "predict-and-scale")) {
            start(function, BenchColdInitCommand.event(function), Map.of());
        }
        ColdInitRun.Result pushed =
                start("record-metrics", ProjectRoot.resolve("events/record-metrics/load-sample-batch.json"), Map.of());
        assertThat(pushed.result()).contains("samplesStored=3");
    }

    @Test
    void fetchEventsZipReadsCalendarsAndFeedsWithItsOwnIcal4jAndRome() throws Exception {
        http.serve("/worlds.ics", 200, ICS);
        http.serve("/news.xml", 200, RSS);
        String sources = "[{\"type\": \"ical\", \"name\": \"esports\", \"url\": \"" + http.base() + "/worlds.ics\", "
                + "\"eventType\": \"tournament\"}, {\"type\": \"rss\", \"name\": \"game-news\", \"url\": \""
                + http.base() + "/news.xml\", \"rules\": [{\"keyword\": \"release date\", \"eventType\": "
                + "\"game_release\", \"impact\": 0.8, \"duration\": \"PT12H\"}]}]";

        ColdInitRun.Result r = start(
                "fetch-events",
                BenchColdInitCommand.event("fetch-events"),
                Map.of("EVENT_SOURCES", sources, "FEEDS_ALLOW_HTTP", "true", "FEEDS_ALLOW_LOCAL_HOSTS", "true"));

        assertThat(r.result())
                .contains("name=Worlds Grand Final")
                .contains("name=YourGame 2 release date set")
                .contains("failures={}")
                .contains("problems=[]");
    }

    @Test
    void fetchSentimentZipReadsAFeedAndATokenFromSsm() throws Exception {
        AwsClients.dynamoDb()
                .putItem(p -> p.tableName(LocalAws.TARGETS_TABLE)
                        .item(Map.of(
                                "targetId",
                                AttributeValue.fromS("game-servers"),
                                "metricId",
                                AttributeValue.fromS("players"),
                                "socialKeywords",
                                AttributeValue.fromL(List.of(AttributeValue.fromS("yourgame"))))));
        try (var ssm = AwsClients.build(software.amazon.awssdk.services.ssm.SsmClient.builder())) {
            ssm.putParameter(p -> p.name("/predictive-scaling/reddit-token")
                    .value("s3cret")
                    .type("SecureString")
                    .overwrite(true));
        }
        http.serve("/feed.xml", 200, RSS);
        http.serve("/search.json", 200, "{\"data\": {\"children\": []}}");
        String sources = "[{\"type\": \"rss\", \"name\": \"news\", \"url\": \"" + http.base() + "/feed.xml\"},"
                + "{\"type\": \"reddit\", \"baseUrl\": \"" + http.base() + "\", \"credentialsParameter\": "
                + "\"/predictive-scaling/reddit-token\"}]";

        ColdInitRun.Result r = start(
                "fetch-sentiment",
                BenchColdInitCommand.event("fetch-sentiment"),
                Map.of("SENTIMENT_SOURCES", sources, "FEEDS_ALLOW_HTTP", "true", "FEEDS_ALLOW_LOCAL_HOSTS", "true"));

        assertThat(r.result())
                .contains("keyword=yourgame")
                .contains("news=1")
                .contains("failures={}")
                .contains("problems=[]");
    }
}
