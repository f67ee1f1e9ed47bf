package io.mabeam.foundation.api.boundary;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * How request bodies bind to the classes resources take: a field the class does not have is refused (a typo is
 * not silently ignored), a whole-number field takes a whole number in its range only, and a decimal field a JSON
 * number (not {@code "0.4"} or {@code "NaN"} as a string), a yes-or-no field {@code true} or
 * {@code false}, a text field a JSON string (not {@code 5}), a duration an ISO-8601 text such as {@code "PT5S"}. JSON-P's
 * {@code getInt}/{@code getLong}, which the binding uses by default, truncate {@code 1.5} to 1 and wrap
 * {@code 4294967297} to 1. Each refusal is a {@link JsonbException}, which {@link ProblemMapping} answers with a
 * 400 naming the field.
 */
@Provider
public class JsonBinding implements ContextResolver<Jsonb> {

    static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .setProperty("jsonb.fail-on-unknown-properties", true)
            .withDeserializers(
                    new WholeInt(),
                    new WholeLong(),
                    new JsonNumberOnly(),
                    new JsonDecimalOnly(),
                    new JsonBooleanOnly(),
                    new JsonStringOnly(),
                    new IsoDuration()));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }

    /**
     * A whole number from {@code min} to {@code max}, from a JSON number; null for {@code null}; anything else a
     * {@link JsonbException}.
     */
    static Long whole(JsonParser parser, long min, long max) {
        JsonValue json = parser.getValue();
        if (json == JsonValue.NULL) {
            return null;
        }
        if (!(json instanceof JsonNumber number) || !number.isIntegral()) {
            throw new JsonbException("a whole number is expected");
        }
        BigDecimal value = number.bigDecimalValue();
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new JsonbException("a whole number from " + min + " to " + max + " is expected, not " + value);
        }
        return value.longValueExact();
    }

    static final class WholeInt implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            Long value = whole(parser, Integer.MIN_VALUE, Integer.MAX_VALUE);
            return value == null ? null : value.intValue();
        }
    }

    static final class WholeLong implements JsonbDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return whole(parser, Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    /**
     * What {@code read} makes of the parser's value: null for {@code null}; a {@link JsonbException} saying that
     * {@code expected} is expected where {@code read} answers null (a value of another kind).
     */
    static <T> T strictly(JsonParser parser, String expected, Function<JsonValue, T> read) {
        JsonValue json = parser.getValue();
        if (json == JsonValue.NULL) {
            return null;
        }
        T value = read.apply(json);
        if (value == null) {
            throw new JsonbException(expected + " is expected, not " + json);
        }
        return value;
    }

    static final class JsonNumberOnly implements JsonbDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return strictly(parser, "a number", json -> json instanceof JsonNumber n ? n.doubleValue() : null);
        }
    }

    static final class JsonDecimalOnly implements JsonbDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return strictly(parser, "a number", json -> json instanceof JsonNumber n ? n.bigDecimalValue() : null);
        }
    }

    static final class JsonBooleanOnly implements JsonbDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return strictly(
                    parser,
                    "true or false",
                    json -> json == JsonValue.TRUE ? Boolean.TRUE : json == JsonValue.FALSE ? Boolean.FALSE : null);
        }
    }

    static final class JsonStringOnly implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return strictly(parser, "a string", json -> json instanceof JsonString text ? text.getString() : null);
        }
    }

    static final class IsoDuration implements JsonbDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return strictly(parser, "an ISO-8601 duration such as PT5S", json -> {
                try {
                    return json instanceof JsonString text ? Duration.parse(text.getString()) : null;
                } catch (DateTimeParseException e) {
                    return null;
                }
            });
        }
    }
}
