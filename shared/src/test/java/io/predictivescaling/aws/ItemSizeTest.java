package io.predictivescaling.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Item sizes as DynamoDB bills them, so the fleet benchmark's write units are the ones AWS would charge. */
class ItemSizeTest {

    @Test
    void namesStringsNumbersListsAndMapsCountAsTheDeveloperGuideSays() {
        Map<String, AttributeValue> item = Map.of(
                "id", AttributeValue.fromS("abc"), // 2 + 3
                "n", AttributeValue.fromN("12345.000"), // 1 + (5 digits + 1) / 2 + 1 = 5
                "l", AttributeValue.fromL(List.of(AttributeValue.fromN("1"), AttributeValue.fromS("xy"))),
                "m", AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v")))); // 1 + 3 + (1 + 1) + 1 element

        // l: name 1 + overhead 3 + (1 + number "1": 2) + (1 + "xy": 2) = 10
        assertThat(ItemSize.bytes(item)).isEqualTo(5 + 5 + 10 + 7);
    }

    @Test
    void aWriteCostsOneUnitPerStartedKilobyte() {
        assertThat(ItemSize.writeUnits(Map.of("s", AttributeValue.fromS("x".repeat(1022)))))
                .isEqualTo(1);
        assertThat(ItemSize.writeUnits(Map.of("s", AttributeValue.fromS("x".repeat(1024)))))
                .isEqualTo(2);
    }
}
