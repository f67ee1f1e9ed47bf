package io.mabeam.console;

import io.mabeam.economics.entity.Credits;
import io.mabeam.foundation.problems.DomainException;
import java.math.BigDecimal;

/** What the console's forms share: the role check of a change, blank fields, amounts of credits. */
final class ConsoleForms {

    private ConsoleForms() {}

    /** Whether the user may change things here (operator or admin); says so when not. */
    static boolean operator(Messages messages) {
        var external = jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext();
        if (external.isUserInRole("admin") || external.isUserInRole("operator")) {
            return true;
        }
        messages.error("Changing accounts, auctions and proposals needs the role operator or admin");
        return false;
    }

    static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    static long micros(String text, String what) {
        try {
            BigDecimal amount = new BigDecimal(text.strip());
            if (amount.signum() < 0) {
                throw DomainException.invalid("the " + what + " is not negative");
            }
            return Credits.micros(amount);
        } catch (NumberFormatException | NullPointerException e) {
            throw DomainException.invalid("the " + what + " is a number of credits");
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
    }
}
