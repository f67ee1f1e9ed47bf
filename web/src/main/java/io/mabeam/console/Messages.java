package io.mabeam.console;

import io.mabeam.foundation.problems.DomainException;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Tells the person at the console what happened: the problem a boundary raised, or a confirmation. */
@RequestScoped
public class Messages {

    private static final Logger LOG = Logger.getLogger(Messages.class.getName());

    @Inject
    FacesContext faces;

    public void info(String text) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    public void error(String text) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    /** Shows a {@link DomainException} as it is; anything else as a generic failure, logged with its cause. */
    public void problem(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof EJBException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof DomainException problem) {
            error(problem.detail());
        } else {
            LOG.log(Level.WARNING, "Console action failed", failure);
            error("The action failed; the server log has the details");
        }
    }
}
