package io.predictivescaling.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LexiconScorerTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "The new season is great                      | positive",
                "servers are down again, unplayable           | negative",
                "this patch is not good                       | negative",
                "not bad at all                               | positive",
                "the trailer looks AWESOME!!!                 | positive",
                "release day \uD83D\uDD25\uD83D\uDE80          | positive",
                "queue times are terrible \uD83D\uDE21         | negative",
                "the update came out today                    | neutral",
                "graphics are nice but the lag is awful       | negative",
            })
    void labelledSentencesGetTheirSign(String text, String label) {
        double score = LexiconScorer.score(text);

        switch (label) {
            case "positive" -> assertThat(score).isGreaterThan(0.05);
            case "negative" -> assertThat(score).isLessThan(-0.05);
            default -> assertThat(score).isBetween(-0.05, 0.05);
        }
        assertThat(score).isBetween(-1.0, 1.0);
    }

    @Test
    void intensifiersAndShoutingStrengthen() {
        assertThat(LexiconScorer.score("very good")).isGreaterThan(LexiconScorer.score("good"));
        assertThat(LexiconScorer.score("GOOD")).isGreaterThan(LexiconScorer.score("good"));
        assertThat(LexiconScorer.score("good!!!")).isGreaterThan(LexiconScorer.score("good"));
    }

    @Test
    void emptyTextIsNeutral() {
        assertThat(LexiconScorer.score("")).isZero();
        assertThat(LexiconScorer.score(null)).isZero();
    }
}
