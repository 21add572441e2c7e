//! Reading scenarios (`datasets/scenarios.csv`, compiled in, and files in its format).

use crate::model::{Role, Scenario};

/// Why a scenario file could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ScenarioError {
    #[error("scenarios line {line}: {message}")]
    Row { line: usize, message: String },
    #[error("no scenario named `{name}`; the scenarios are: {known}")]
    Unknown { name: String, known: String },
}

const COLUMNS: [&str; 9] = [
    "name",
    "description",
    "offender_nationality",
    "offender_location",
    "custody_location",
    "victim_nationality",
    "victim_location",
    "facilitator_location",
    "evidence_location",
];

/// The scenarios lacuna ships (`datasets/scenarios.csv`).
pub const BUILT_IN: &str = include_str!("../../datasets/scenarios.csv");

/// The scenarios of a CSV text in the format of `datasets/scenarios.csv`.
pub fn parse_scenarios(text: &str) -> Result<Vec<Scenario>, ScenarioError> {
    let body: String = text
        .lines()
        .map(|line| if line.starts_with('#') { "" } else { line })
        .collect::<Vec<_>>()
        .join("\n");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body.as_bytes());
    let row_error = |line: usize, message: String| ScenarioError::Row { line, message };
    let headers = reader
        .headers()
        .map_err(|e| row_error(1, e.to_string()))?
        .clone();
    if headers.iter().collect::<Vec<_>>() != COLUMNS {
        return Err(row_error(
            1,
            format!("the header must be {}", COLUMNS.join(",")),
        ));
    }
    let mut scenarios: Vec<Scenario> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| row_error(0, e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let role = |index: usize| {
            Role::parse(&record[index]).ok_or_else(|| {
                row_error(
                    line,
                    format!(
                        "`{}` in column `{}` is not a role: write A, B, E or none",
                        &record[index], COLUMNS[index]
                    ),
                )
            })
        };
        let scenario = Scenario {
            name: record[0].to_string(),
            description: record[1].to_string(),
            offender_nationality: role(2)?,
            offender_location: role(3)?,
            custody_location: role(4)?,
            victim_nationality: role(5)?,
            victim_location: role(6)?,
            facilitator_location: role(7)?,
            evidence_location: role(8)?,
        };
        for (index, value) in [
            (2, scenario.offender_nationality),
            (3, scenario.offender_location),
            (4, scenario.custody_location),
            (5, scenario.victim_nationality),
            (6, scenario.victim_location),
        ] {
            if !matches!(value, Role::A | Role::B) {
                return Err(row_error(
                    line,
                    format!("column `{}` must be A or B", COLUMNS[index]),
                ));
            }
        }
        if scenario.name.is_empty() || scenarios.iter().any(|s| s.name == scenario.name) {
            return Err(row_error(
                line,
                format!("the name `{}` is empty or used twice", scenario.name),
            ));
        }
        scenarios.push(scenario);
    }
    Ok(scenarios)
}

/// The built-in scenarios.
pub fn built_in_scenarios() -> Vec<Scenario> {
    parse_scenarios(BUILT_IN).expect("datasets/scenarios.csv is valid")
}

/// The built-in scenario of that name.
pub fn scenario_named(name: &str) -> Result<Scenario, ScenarioError> {
    let all = built_in_scenarios();
    all.iter()
        .find(|s| s.name == name)
        .cloned()
        .ok_or_else(|| ScenarioError::Unknown {
            name: name.to_string(),
            known: all
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// The remote scenario: with the evidence in A, the standard case of earlier versions.
pub fn remote_scenario() -> Scenario {
    scenario_named("remote").expect("a built-in scenario")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_scenarios_parse() {
        let names: Vec<String> = built_in_scenarios().into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["remote", "travelling", "fled"]);
        let fled = scenario_named("fled").unwrap();
        assert_eq!(fled.offender_nationality, Role::B);
        assert_eq!(fled.custody_location, Role::A);
        assert!(scenario_named("abroad").is_err());
    }

    #[test]
    fn a_bad_role_is_a_located_error() {
        let text = format!("{}\nx,desc,A,A,A,B,C,none,E\n", COLUMNS.join(","));
        let error = parse_scenarios(&text).unwrap_err();
        assert!(error.to_string().contains("line 2"), "{error}");
        assert!(error.to_string().contains("`C`"), "{error}");
    }
}
