package io.predictivescaling.cli.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.predictivescaling.aws.local.Moto;
import io.predictivescaling.aws.local.ProjectRoot;
import io.predictivescaling.cli.Main;
import io.predictivescaling.metrics.CloudWatchHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * History straight from CloudWatch (moto's): {@code backtest --cloudwatch} and {@code export-history} read
 * three days of 5-minute request counts put there, zero where an idle load balancer published nothing.
 */
class CloudWatchHistoryCommandIT {
    @TempDir
    Path out;

    @Test
    void backtestAndExportHistoryReadTheMetricFromCloudWatch() throws Exception {
        String endpoint = Moto.endpoint().toString();
        CloudWatchClient cloudWatch = CloudWatchClient.builder()
                .endpointOverride(Moto.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
        List<String> clean = Files.readAllLines(ProjectRoot.resolve("shared/src/test/resources/traces/clean.csv"));
        String namespace = "Test/" + UUID.randomUUID();
        String loadBalancer = "app/web/" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond() / 300 * 300;
        Instant first = Instant.ofEpochSecond(now - 300L * (clean.size() - 1));
        List<MetricDatum> data = new ArrayList<>();
        int quiet = 0;
        for (int i = 1; i < clean.size(); i++) {
            double v = Double.parseDouble(clean.get(i).split(",")[1]);
            // An idle load balancer publishes nothing at all: every 50th interval here.
            if (i > 1 && i % 50 == 0) {
                quiet++;
                continue;
            }
            data.add(MetricDatum.builder()
                    .metricName("RequestCount")
                    .timestamp(first.plusSeconds(300L * (i - 1)))
                    .value(v)
                    .dimensions(Dimension.builder()
                            .name("LoadBalancer")
                            .value(loadBalancer)
                            .build())
                    .build());
        }
        for (int i = 0; i < data.size(); i += 1000) {
            List<MetricDatum> page = data.subList(i, Math.min(data.size(), i + 1000));
            cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(page));
        }
        String[] source = {
            "--cloudwatch",
            namespace + ":RequestCount",
            "--dimension",
            "LoadBalancer=" + loadBalancer,
            "--stat",
            "Sum",
            "--period",
            "5m",
            "--days",
            "4",
            "--endpoint",
            endpoint
        };

        int exported = Main.run(concat(
                new String[] {
                    "export-history", "--out", out.resolve("history.csv").toString()
                },
                source));
        int fromCloudWatch = Main.run(concat(
                new String[] {"backtest", "--quiet", "--out", out.resolve("cw").toString()}, source));
        int fromFile = Main.run(
                "backtest",
                "--quiet",
                "--trace",
                out.resolve("history.csv").toString(),
                "--out",
                out.resolve("file").toString());

        assertThat(exported).isZero();
        assertThat(fromCloudWatch).isZero();
        assertThat(fromFile).isZero();
        List<String> csv = Files.readAllLines(out.resolve("history.csv"));
        assertThat(csv.get(0)).isEqualTo("timestamp,value");
        assertThat(csv.get(1))
                .isEqualTo(first + "," + Double.parseDouble(clean.get(1).split(",")[1]));
        assertThat(csv).hasSize(clean.size());
        assertThat(csv.stream().skip(1).filter(l -> l.endsWith(",0.0")))
                .as("quiet periods are zero load")
                .hasSize(quiet);
        JsonNode cw = new ObjectMapper().readTree(out.resolve("cw/summary.json").toFile());
        JsonNode file =
                new ObjectMapper().readTree(out.resolve("file/summary.json").toFile());
        assertThat(cw.get("intervals").asInt()).isEqualTo(clean.size() - 1);
        assertThat(cw.get("intervalSeconds").asInt()).isEqualTo(300);
        assertThat(cw.get("policies")).isEqualTo(file.get("policies"));
        assertThat(cw.get("notes").toString()).contains("periods without a datapoint read as 0");
    }

    @Test
    void oldDataIsReadAtAPeriodCloudWatchStillKeeps() {
        assertThat(CloudWatchHistory.periodFor(Duration.ofMinutes(1), Duration.ofDays(14)))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(CloudWatchHistory.periodFor(Duration.ofMinutes(1), Duration.ofDays(30)))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(CloudWatchHistory.periodFor(Duration.ofMinutes(5), Duration.ofDays(90)))
                .isEqualTo(Duration.ofHours(1));
        assertThat(CloudWatchHistory.periodFor(Duration.ofSeconds(10), Duration.ofHours(5)))
                .isEqualTo(Duration.ofMinutes(1));
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
