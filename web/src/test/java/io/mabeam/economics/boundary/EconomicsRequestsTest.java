package io.mabeam.economics.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.foundation.api.boundary.OptionalBodyReader;
import io.mabeam.foundation.problems.DomainException;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EconomicsRequestsTest {

    private static final Validator VALIDATOR =
            Validation.buildDefaultValidatorFactory().getValidator();

    private static Set<String> messages(Object body) {
        return VALIDATOR.validate(body).stream()
                .map(ConstraintViolation::getMessage)
                .collect(Collectors.toSet());
    }

    @Test
    void aCapTellsANullCapFromAMissingOne() {
        EconomicsRequests.Cap removed = OptionalBodyReader.read(EconomicsRequests.Cap.class, "{\"spendCap\":null}");
        assertThat(removed.given()).isTrue();
        assertThat(removed.getSpendCap()).isNull();
        assertThat(OptionalBodyReader.read(EconomicsRequests.Cap.class, "{}").given())
                .isFalse();
        EconomicsRequests.Cap set = OptionalBodyReader.read(EconomicsRequests.Cap.class, "{\"spendCap\":8}");
        assertThat(EconomicsBodies.micros(set.getSpendCap(), "spendCap")).isEqualTo(8_000_000L);
        assertThat(messages(OptionalBodyReader.read(EconomicsRequests.Cap.class, "{\"spendCap\":-5}")))
                .containsExactly("spendCap is not negative");
    }

    @Test
    void amountsAreJsonNumbersWithAtMostSixDecimals() {
        assertThat(messages(OptionalBodyReader.read(EconomicsRequests.Deposit.class, "{}")))
                .containsExactly("the body needs \"amount\", an amount of credits");
        assertThatThrownBy(() -> OptionalBodyReader.read(EconomicsRequests.Deposit.class, "{\"amount\":\"10\"}"))
                .isInstanceOf(JsonbException.class);
        assertThatThrownBy(() -> OptionalBodyReader.read(EconomicsRequests.Transfer.class, "{\"amount\":1,\"to\":7}"))
                .isInstanceOf(JsonbException.class);
        EconomicsRequests.Deposit tooFine =
                OptionalBodyReader.read(EconomicsRequests.Deposit.class, "{\"amount\":1.0000001}");
        assertThat(messages(tooFine)).isEmpty();
        assertThatThrownBy(() -> EconomicsBodies.micros(tooFine.amount, "amount"))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("six decimal places");
    }

    @Test
    void aBidHasAPriceOrUnitPricesNotBoth() {
        EconomicsRequests.Bid one =
                OptionalBodyReader.read(EconomicsRequests.Bid.class, "{\"bidder\":\"a\",\"price\":2}");
        assertThat(EconomicsBodies.prices(one)).containsExactly(2_000_000L);
        EconomicsRequests.Bid units =
                OptionalBodyReader.read(EconomicsRequests.Bid.class, "{\"bidder\":\"a\",\"unitPrices\":[5,0.5]}");
        assertThat(EconomicsBodies.prices(units)).isEqualTo(List.of(5_000_000L, 500_000L));
        assertThat(EconomicsBodies.prices(OptionalBodyReader.read(EconomicsRequests.Bid.class, "{\"bidder\":\"a\"}")))
                .isNull();
        for (String bad : new String[] {
            "{\"price\":1,\"unitPrices\":[1]}", "{\"price\":null,\"unitPrices\":[1]}", "{\"unitPrices\":null}"
        }) {
            EconomicsRequests.Bid bid = OptionalBodyReader.read(EconomicsRequests.Bid.class, bad);
            assertThatThrownBy(() -> EconomicsBodies.prices(bid)).as(bad).isInstanceOf(DomainException.class);
        }
        assertThatThrownBy(() -> OptionalBodyReader.read(EconomicsRequests.Bid.class, "{\"unitPrices\":[\"5\"]}"))
                .isInstanceOf(JsonbException.class);
        assertThat(messages(OptionalBodyReader.read(EconomicsRequests.Bid.class, "{\"unitPrices\":[1,-2]}")))
                .containsExactly("unitPrices is not negative");
    }

    @Test
    void anAuctionsDurationAndTickKeepTheirDefaults() {
        EconomicsRequests.OpenAuction plain =
                OptionalBodyReader.read(EconomicsRequests.OpenAuction.class, "{\"kind\":\"vickrey\"}");
        assertThat(plain.durationOrDefault()).isEqualTo(Duration.ofMinutes(1));
        assertThat(plain.tick()).isNull();
        EconomicsRequests.OpenAuction nullTick = OptionalBodyReader.read(
                EconomicsRequests.OpenAuction.class, "{\"kind\":\"dutch\",\"tick\":null,\"duration\":null}");
        assertThat(nullTick.tick()).isEqualTo(Duration.ofSeconds(1));
        assertThat(nullTick.durationOrDefault()).isEqualTo(Duration.ofMinutes(1));
        for (String bad : new String[] {"{\"units\":\"two\"}", "{\"units\":1e30}", "{\"duration\":30}"}) {
            assertThatThrownBy(() -> OptionalBodyReader.read(EconomicsRequests.OpenAuction.class, bad))
                    .as(bad)
                    .isInstanceOf(JsonbException.class);
        }
    }

    @Test
    void closingTakesAnEmptyBodyOrAnEmptyObject() {
        assertThat(OptionalBodyReader.read(EconomicsRequests.Close.class, "")).isNotNull();
        assertThat(OptionalBodyReader.read(EconomicsRequests.Close.class, "{}")).isNotNull();
    }
}
