package io.mabeam.bridge.boundary;

import io.mabeam.bridge.entity.PythonObjectiveSpec;
import io.mabeam.optimization.control.ObjectiveCatalog;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Refuses a run of {@code python:<name>} before a Python objective of that name is uploaded. */
@ApplicationScoped
public class PythonObjectiveCatalog implements ObjectiveCatalog {

    @EJB
    PythonObjectives objectives;

    @Override
    public Optional<String> refusal(String objective) {
        return PythonObjectiveSpec.pythonName(objective)
                .filter(python -> objectives.find(python).isEmpty())
                .map(python -> "there is no Python objective named " + python
                        + "; upload it first (PUT /api/v1/python-objectives/" + python + ")");
    }
}
