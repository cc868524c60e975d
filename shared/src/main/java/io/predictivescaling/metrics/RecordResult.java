package io.predictivescaling.metrics;

import java.util.List;

/**
 * What one record-metrics invocation did, returned by the handler and logged.
 *
 * @param targetsPulled targets whose CloudWatch metric was read
 * @param samplesStored distinct samples written
 * @param rejected samples refused, each with its reason
 * @param problems targets skipped for bad configuration or an unreachable metric
 */
public record RecordResult(
        int targetsPulled, int samplesStored, List<SampleValidator.Rejection> rejected, List<String> problems) {}
