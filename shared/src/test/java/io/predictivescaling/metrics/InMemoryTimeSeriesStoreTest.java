package io.predictivescaling.metrics;

import io.predictivescaling.testing.fakes.InMemoryTimeSeriesStore;

/** The fake metrics table keeps the adapter's contract. */
class InMemoryTimeSeriesStoreTest extends TimeSeriesStoreContract {
    @Override
    protected TimeSeriesStore store() {
        return new InMemoryTimeSeriesStore();
    }
}
