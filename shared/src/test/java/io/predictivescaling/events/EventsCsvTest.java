package io.predictivescaling.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The events CSV as people write it: instants, local times and whole days, all UTC. */
class EventsCsvTest {

    @Test
    void aDateAloneIsItsMidnightUtcSoAnAllDayEventIsTwoDates() {
        List<KnownEvent> events = EventsCsv.parse(
                "events.csv",
                "test",
                List.of(
                        "start,end,type,name",
                        "2014-07-04,2014-07-05,holiday,July 4",
                        "2014-07-04 18:00,2014-07-04T22:00:00Z,event,Fireworks"));

        assertThat(events)
                .extracting(KnownEvent::start, KnownEvent::end)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                Instant.parse("2014-07-04T00:00:00Z"), Instant.parse("2014-07-05T00:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple(
                                Instant.parse("2014-07-04T18:00:00Z"), Instant.parse("2014-07-04T22:00:00Z")));
    }

    @Test
    void aQuotedNameMayHoldACommaAsCsvAllows() {
        List<KnownEvent> events = EventsCsv.parse(
                "events.csv",
                "test",
                List.of("2014-11-27T14:00:00Z,2014-11-27T18:00:00Z,event,\"Macy's Parade, NYC\",0.4"));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("Macy's Parade, NYC");
            assertThat(e.expectedImpact()).isEqualTo(0.4);
        });
    }

    @Test
    void anUnreadableTimeSaysWhichFormsAreAccepted() {
        assertThatThrownBy(() -> EventsCsv.parse("events.csv", "test", List.of("04/07/2014,05/07/2014,holiday,x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("events.csv row 1")
                .hasMessageContaining("is not 2014-07-04T18:00:00Z, 2014-07-04 18:00 or 2014-07-04");
    }
}
