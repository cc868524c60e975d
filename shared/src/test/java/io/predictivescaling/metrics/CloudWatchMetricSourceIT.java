package io.predictivescaling.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.targets.ScalableTarget;
import io.predictivescaling.targets.TargetItems;
import io.predictivescaling.testing.TestAws;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 19, GetMetricData within CloudWatch's limit, against moto: record-metrics' source packs its targets' queries
 * up to CloudWatch's 500 per call (the production default, not a test's smaller number), a target's metric math
 * counting its two queries, and every target keeps its own data.
 */
class CloudWatchMetricSourceIT {
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));

    final List<Integer> queriesPerCall = new ArrayList<>();
    final CloudWatchClient cloudWatch = TestAws.configure(CloudWatchClient.builder())
            .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    if (context.request() instanceof GetMetricDataRequest r) {
                        queriesPerCall.add(r.metricDataQueries().size());
                    }
                }
            }))
            .build();
    final String namespace = "Fleet/" + UUID.randomUUID().toString().substring(0, 8);
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    ScalableTarget target(int i, String expression) {
        Map<String, AttributeValue> cw = new HashMap<>(Map.of(
                "namespace", AttributeValue.fromS(namespace),
                "name", AttributeValue.fromS("RequestCount"),
                "dimensions", AttributeValue.fromM(Map.of("LoadBalancer", AttributeValue.fromS("lb-" + i))),
                "stat", AttributeValue.fromS("Sum"),
                "periodSeconds", AttributeValue.fromN("60")));
        if (expression != null) {
            cw.put("expression", AttributeValue.fromS(expression));
        }
        return TargetItems.parse(Map.of(
                "targetId", AttributeValue.fromS("svc-" + i),
                "metricId", AttributeValue.fromS("svc-" + i + "-load"),
                "cloudWatch", AttributeValue.fromM(cw)));
    }

    void put(int i, double value) {
        cloudWatch.putMetricData(r -> r.namespace(namespace)
                .metricData(d -> d.metricName("RequestCount")
                        .dimensions(x -> x.name("LoadBalancer").value("lb-" + i))
                        .timestamp(now.minus(Duration.ofMinutes(3)))
                        .value(value)
                        .unit(StandardUnit.COUNT)));
    }

    MetricSource.Fetched pull(int targets, String expression) {
        List<MetricSource.Window> windows = new ArrayList<>();
        for (int i = 0; i < targets; i++) {
            windows.add(new MetricSource.Window(
                    target(i, expression), now.minus(Duration.ofMinutes(4)), now.minus(Duration.ofMinutes(2))));
        }
        return new CloudWatchMetricSource(cloudWatch, RETRY).fetchAll(windows);
    }

    static double value(MetricSource.Fetched fetched, int i) {
        return fetched.samples().get("svc-" + i).get(0).value();
    }

    @Test
    void fiveHundredAndOneTargetsArePulledInTwoCallsOfAtMost500QueriesEachKeepingItsOwnData() {
        put(0, 10);
        put(499, 20);
        put(500, 30);

        MetricSource.Fetched fetched = pull(501, null);

        assertThat(queriesPerCall).containsExactly(500, 1);
        assertThat(fetched.failures()).isEmpty();
        assertThat(fetched.samples()).hasSize(501);
        assertThat(value(fetched, 0)).isEqualTo(10);
        assertThat(value(fetched, 499)).isEqualTo(20);
        assertThat(value(fetched, 500)).isEqualTo(30);
        assertThat(fetched.samples().get("svc-1")).isEmpty();
    }

    @Test
    void targetsWithMetricMathCountTwoQueriesSo250FitACall() {
        put(249, 7);
        put(250, 8);

        // Moto evaluates only an expression that names a query ("m1"); it is still the metric and its expression.
        MetricSource.Fetched fetched = pull(251, "m1");

        assertThat(queriesPerCall).containsExactly(500, 2);
        assertThat(fetched.failures()).isEmpty();
        assertThat(value(fetched, 249)).isEqualTo(7);
        assertThat(value(fetched, 250)).isEqualTo(8);
    }
}
