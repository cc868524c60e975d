package io.predictivescaling.scaling;

import java.util.List;

/** The port to the predictions table. */
public interface PredictionStore {

    /** Writes every record (a rerun for the same forecast time and horizon overwrites); throws if any is lost. */
    void save(List<PredictionRecord> records);
}
