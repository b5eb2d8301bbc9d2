package dev.gathercopy.agent.workingcopy;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gathercopy.agent.plan.Literal;
import dev.gathercopy.agent.plan.Plan;
import dev.gathercopy.agent.plan.Region;

/** A plan as the API shows it; the arrays are left out of a summary. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PlanView(String method, long size, long reusedBytes, long literalBytes, int regionCount, int literalCount,
		List<Region> regions, List<Literal> literals) {

	static PlanView of(Plan plan, boolean summary) {
		return new PlanView(plan.method(), plan.size(), plan.reusedBytes(), plan.literalBytes(), plan.regionCount(),
				plan.literalCount(), summary ? null : plan.regions(), summary ? null : plan.literals());
	}

}
