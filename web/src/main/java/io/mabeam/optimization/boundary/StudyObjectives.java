package io.mabeam.optimization.boundary;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.optimization.control.ObjectiveCatalog;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;

/** Which objective a study's runs evaluate when the request names none. */
@ApplicationScoped
public class StudyObjectives {

    /** What the components that evaluate objectives know of them, the objective a study's runs default to included. */
    @Inject
    @Any
    Instance<ObjectiveCatalog> catalogs;

    @EJB
    Studies studies;

    /**
     * The objective a run of the study evaluates: the one named, else the one a component that keeps a part of
     * the study (its training setup, say) gives.
     *
     * @throws DomainException 404 for an unknown study, 400 when none is named and no component gives one
     */
    public String objectiveOf(String study, String objective) {
        if (objective != null) {
            return objective;
        }
        for (ObjectiveCatalog catalog : catalogs) {
            Optional<String> given = catalog.defaultFor(study);
            if (given.isPresent()) {
                return given.get();
            }
        }
        studies.study(study);
        throw DomainException.invalid("name the \"objective\" (study " + study + " has no training setup)");
    }
}
