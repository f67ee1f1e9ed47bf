package io.mabeam.variables.boundary;

import io.mabeam.foundation.api.boundary.BoundBody;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The bodies of declaring and changing a live variable. A value is any JSON scalar, checked against the
 * variable's domain by {@code LiveVariables}; whether the body has it (even as {@code null}) is recorded, as the
 * resource refuses a body without one.
 */
public final class VariableBodies {

    private VariableBodies() {}

    /** A value that remembers whether the body had it; a JSON {@code null} stays {@link JsonValue#NULL}. */
    public abstract static class WithValue implements BoundBody {
        private JsonValue value;

        @Schema(hidden = true) // whether the body had the field: not part of the body
        private boolean valueGiven;

        public JsonValue getValue() {
            return value == null ? JsonValue.NULL : value;
        }

        public void setValue(JsonValue value) {
            this.value = value;
            this.valueGiven = true;
        }

        boolean valueGiven() {
            return valueGiven;
        }
    }

    /** {@code {"definition": {"type": "float", "low": 0, "high": 1, "log"?, "step"?}, "value": 0.5}}. */
    public static class Declaration extends WithValue {
        public JsonObject definition;
    }

    /** {@code {"value": 0.3, "version"?: 4, "reason"?: "..."}}. */
    public static class Change extends WithValue {
        private Long version;

        @Schema(hidden = true) // whether the body had the field: not part of the body
        private boolean versionGiven;

        @Size(max = 1000)
        public String reason;

        @Min(value = 0, message = "\"version\" is a whole number from 0")
        public Long getVersion() {
            return version;
        }

        public void setVersion(Long version) {
            this.version = version;
            this.versionGiven = true;
        }

        boolean versionGiven() {
            return versionGiven;
        }
    }
}
