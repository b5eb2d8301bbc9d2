package dev.gathercopy.agent.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PlanTest {

	@Test
	void derivedCountsAddUpTheParts() {
		Plan plan = new Plan(Plan.DIFF, 100, List.of(new Region(0, 0, 10), new Region(50, 30, 60)),
				List.of(new Literal(10, 20), new Literal(90, 10)));

		assertThat(plan.reusedBytes()).isEqualTo(70);
		assertThat(plan.literalBytes()).isEqualTo(30);
		assertThat(plan.regionCount()).isEqualTo(2);
		assertThat(plan.literalCount()).isEqualTo(2);
	}

	@Test
	void gapBetweenPartsIsRefused() {
		assertThatThrownBy(() -> new Plan(Plan.DIFF, 100, List.of(new Region(0, 0, 10)), List.of(new Literal(11, 89))))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("regions and literals leave a gap or overlap at 10");
	}

	@Test
	void overlappingPartsAreRefused() {
		assertThatThrownBy(() -> new Plan(Plan.DIFF, 100, List.of(new Region(0, 0, 10)), List.of(new Literal(9, 91))))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("regions and literals leave a gap or overlap at 10");
	}

	@Test
	void partsMustCoverTheWholeSize() {
		assertThatThrownBy(() -> new Plan(Plan.EDIT_LOG, 100, List.of(new Region(0, 0, 10)), List.of()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("regions and literals cover 10 bytes, not 100");
	}

	@Test
	void unknownMethodIsRefused() {
		assertThatThrownBy(() -> new Plan("rsync", 0, List.of(), List.of()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("method must be edit-log or diff: rsync");
	}

	@Test
	void emptyLengthsAndNegativeOffsetsAreRefused() {
		assertThatThrownBy(() -> new Region(0, 0, 0)).hasMessage("region length must be positive: 0");
		assertThatThrownBy(() -> new Region(-1, 0, 1)).hasMessage("region offsets must not be negative: -1 -> 0");
		assertThatThrownBy(() -> new Literal(0, 0)).hasMessage("literal length must be positive: 0");
		assertThatThrownBy(() -> new Literal(Long.MAX_VALUE, 1)).hasMessageContaining("overflows");
	}

	@Test
	void listsAreCopiedSoThePlanCannotChangeLater() {
		List<Literal> literals = new ArrayList<>(List.of(new Literal(0, 5)));
		Plan plan = new Plan(Plan.DIFF, 5, List.of(), literals);

		literals.clear();

		assertThat(plan.literals()).containsExactly(new Literal(0, 5));
		assertThatThrownBy(() -> plan.literals().clear()).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void congruenceIsSourceMinusDestinationModuloTheFilesystemBlock() {
		assertThat(new Region(4096 + 7, 7, 100).blockCongruent()).isTrue();
		assertThat(new Region(7, 8192 + 7, 100).blockCongruent()).isTrue();
		assertThat(new Region(7, 8, 100).blockCongruent()).isFalse();
	}

}
