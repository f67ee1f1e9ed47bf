package io.mabeam.foundation.config.entity;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The types a setting can have. Each reads text into its canonical form, or says why it cannot. */
public enum ConfigType {
    STRING {
        @Override
        public String canonical(String text) {
            return text;
        }
    },
    INTEGER {
        @Override
        public String canonical(String text) {
            try {
                return Long.toString(Long.parseLong(text.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a whole number");
            }
        }

        @Override
        BigDecimal magnitude(String canonical) {
            return new BigDecimal(canonical);
        }
    },
    DECIMAL {
        @Override
        public String canonical(String text) {
            try {
                return new BigDecimal(text.trim()).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a decimal number");
            }
        }

        @Override
        BigDecimal magnitude(String canonical) {
            return new BigDecimal(canonical);
        }
    },
    BOOLEAN {
        @Override
        public String canonical(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> "true";
                case "false" -> "false";
                default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
            };
        }
    },
    /** An absolute http or https URL, or nothing (empty): a webhook that may be switched off. */
    URL {
        @Override
        public String canonical(String text) {
            String trimmed = text.trim();
            if (trimmed.isEmpty()) {
                return "";
            }
            try {
                java.net.URI uri = new java.net.URI(trimmed);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return uri.toString();
                }
            } catch (java.net.URISyntaxException e) {
                // answered below
            }
            throw new IllegalArgumentException("'" + text + "' is not an http or https URL");
        }
    },
    /** ISO-8601 durations such as {@code PT30S}; bounds compare in seconds. */
    DURATION {
        @Override
        public String canonical(String text) {
            try {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT)).toString();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration such as PT30S");
            }
        }

        @Override
        BigDecimal magnitude(String canonical) {
            Duration duration = Duration.parse(canonical);
            return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
        }
    };

    /**
     * The value in its one canonical spelling.
     *
     * @throws IllegalArgumentException the text is not a value of this type
     */
    public abstract String canonical(String text);

    /** What bounds are compared with; null for types without an order. */
    BigDecimal magnitude(String canonical) {
        return null;
    }

    /** Whether {@code minimum}/{@code maximum} mean something for this type. */
    public boolean ordered() {
        return this == INTEGER || this == DECIMAL || this == DURATION;
    }

    public static ConfigType of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("a setting's type is string, integer, decimal, boolean or duration");
        }
    }
}
