package io.predictivescaling.sentiment;

import java.time.Instant;
import java.util.List;

/** The port to one social source. Adding a source (a Twitch viewer count, a subreddit) is one class. */
public interface SentimentSource {

    String name();

    /** Whether to ask this source about {@code keyword}: by default every target keyword. */
    default boolean covers(String keyword) {
        return true;
    }

    /**
     * Posts about {@code keyword} newer than {@code since}.
     *
     * @throws SourceException when the source cannot answer (timeout, 5xx, auth, malformed content)
     */
    List<Post> fetch(String keyword, Instant since);
}
