package io.predictivescaling.fleet;

import io.predictivescaling.testing.fakes.InMemoryLeaseStore;

/** The fake lease table keeps the adapter's contract. */
class InMemoryLeaseStoreTest extends LeaseStoreContract {
    @Override
    protected LeaseStore store() {
        return new InMemoryLeaseStore();
    }
}
