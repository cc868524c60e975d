package io.predictivescaling.cli;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.Settings;
import io.predictivescaling.cli.local.AwsEndpoint;
import io.predictivescaling.cli.local.LocalAws;
import io.predictivescaling.common.Env;
import io.predictivescaling.events.DynamoDbEventStore;
import io.predictivescaling.events.KnownEvent;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code add-event}: a manual event, as an operator would add it in the console. */
@Command(
        name = "add-event",
        mixinStandardHelpOptions = true,
        description = "Adds a known event (type, name, start, end, expected impact) to the events table.")
final class AddEventCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--type",
            required = true,
            description = "e.g. game_release, tournament, holiday, marketing_campaign")
    String type;

    @Option(names = "--name", required = true, description = "The event's name, e.g. 'Season 5'")
    String name;

    @Option(names = "--start", required = true, description = "ISO-8601, e.g. 2026-12-01T18:00:00Z")
    Instant start;

    @Option(names = "--end", required = true, description = "ISO-8601, after --start")
    Instant end;

    @Option(
            names = "--impact",
            description = "Expected impact as a fraction until history teaches better (0.5 = +50%%)")
    Double impact;

    @Mixin
    AwsEndpoint aws;

    @Option(names = "--events-table", description = "Default: EVENTS_TABLE, else the local demo's table")
    String table;

    @Override
    public Integer call() {
        aws.use();
        String events = table != null ? table : Settings.optional(Env.EVENTS_TABLE.name(), LocalAws.EVENTS_TABLE);
        KnownEvent event = new KnownEvent(type, name, start, end, "manual", impact == null ? Double.NaN : impact);
        boolean added =
                new DynamoDbEventStore(AwsClients.dynamoDb(), events, Retry.standard()).addIfNew(event, Instant.now());
        spec.commandLine().getOut().println((added ? "added " : "already there: ") + event.id() + " in " + events);
        return 0;
    }
}
