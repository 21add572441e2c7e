//! The legal model of docs/model.md as Rust types: jurisdictions, offences, instruments and their
//! channels, party facts and reservations, treaty obligations, dated criminalisation and
//! jurisdiction-rule facts, and the sources behind every one of them.
//!
//! **Invariant:** nothing here does I/O. A [`Dataset`] is only ever built by `crate::data`,
//! which has validated every reference, so the ids stored here always resolve.

mod date;
mod reform;
mod scenario;
mod truth;

pub use date::{DateError, LegalDate, Period, Precision, YEARS};
pub use reform::{Change, Reform, ReformKind, DOUBLE_CRIMINALITY_RULES};
pub use scenario::{Role, Scenario};
pub use truth::Truth;

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

macro_rules! index_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index_type!(
    /// Position of a jurisdiction in [`Dataset::jurisdictions`].
    JurisdictionId
);
index_type!(
    /// Position of an offence in [`Dataset::offences`].
    OffenceId
);
index_type!(
    /// Position of an instrument in [`Dataset::instruments`].
    InstrumentId
);
index_type!(
    /// Position of a source in [`Dataset::sources`].
    SourceId
);
index_type!(
    /// Position of an obligation in [`Dataset::obligations`].
    ObligationId
);

/// Where a jurisdiction sits: a state, a dependent territory, or a unit inside a state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JurisdictionKind {
    State,
    Territory,
    Subnational,
}

impl JurisdictionKind {
    pub const NAMES: &'static str = "state, territory, subnational";

    pub fn parse(text: &str) -> Option<JurisdictionKind> {
        match text {
            "state" => Some(JurisdictionKind::State),
            "territory" => Some(JurisdictionKind::Territory),
            "subnational" => Some(JurisdictionKind::Subnational),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            JurisdictionKind::State => "state",
            JurisdictionKind::Territory => "territory",
            JurisdictionKind::Subnational => "subnational",
        }
    }
}

/// A state (ISO 3166-1 alpha-3) or a sub-national unit (ISO 3166-2) with its parent.
#[derive(Clone, Debug, PartialEq)]
pub struct Jurisdiction {
    pub code: String,
    pub name: String,
    pub alpha2: Option<String>,
    pub numeric: Option<String>,
    pub kind: JurisdictionKind,
    pub parent: Option<JurisdictionId>,
    pub region: String,
    pub sub_region: String,
    pub sources: Vec<SourceId>,
}

/// A conduct in the offence taxonomy (docs/model.md section 1), carried as data.
#[derive(Clone, Debug, PartialEq)]
pub struct Offence {
    pub code: String,
    pub conduct: String,
    pub reference: String,
}

/// A way one state can ask another for help.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Mla,
    Extradition,
    Preservation,
    DirectDisclosure,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::Mla,
        Channel::Extradition,
        Channel::Preservation,
        Channel::DirectDisclosure,
    ];
    pub const NAMES: &'static str = "mla, extradition, preservation, direct_disclosure";

    pub fn parse(text: &str) -> Option<Channel> {
        match text {
            "mla" => Some(Channel::Mla),
            "extradition" => Some(Channel::Extradition),
            "preservation" => Some(Channel::Preservation),
            "direct_disclosure" => Some(Channel::DirectDisclosure),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Mla => "mla",
            Channel::Extradition => "extradition",
            Channel::Preservation => "preservation",
            Channel::DirectDisclosure => "direct_disclosure",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of channels, as a bitset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ChannelSet(u8);

impl ChannelSet {
    pub const EMPTY: ChannelSet = ChannelSet(0);
    pub const ALL: ChannelSet = ChannelSet(0b1111);

    pub fn contains(self, channel: Channel) -> bool {
        self.0 & channel.bit() != 0
    }

    pub fn insert(&mut self, channel: Channel) {
        self.0 |= channel.bit();
    }

    pub fn remove(&mut self, channel: Channel) {
        self.0 &= !channel.bit();
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn union(self, other: ChannelSet) -> ChannelSet {
        ChannelSet(self.0 | other.0)
    }

    pub fn iter(self) -> impl Iterator<Item = Channel> {
        Channel::ALL.into_iter().filter(move |c| self.contains(*c))
    }

    /// The channels joined with `;`, as in the dataset.
    pub fn joined(self) -> String {
        self.iter()
            .map(Channel::as_str)
            .collect::<Vec<_>>()
            .join(";")
    }
}

impl FromIterator<Channel> for ChannelSet {
    fn from_iter<I: IntoIterator<Item = Channel>>(iter: I) -> Self {
        let mut set = ChannelSet::EMPTY;
        for channel in iter {
            set.insert(channel);
        }
        set
    }
}

/// How a treaty sets the entry into force for a state that consents after the treaty itself
/// is in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryIntoForceRule {
    /// `N` days after the deposit (e.g. the UN Convention against Cybercrime, art. 65(2): 30).
    DaysAfter(u32),
    /// `N` months after the deposit, same day of the month (e.g. OPSC art. 14(2): 1).
    MonthsAfter(u32),
    /// The first day of the month following `N` months after the deposit (the Council of
    /// Europe formula, e.g. Lanzarote art. 45(4): 3).
    FirstOfMonthAfterMonths(u32),
}

impl EntryIntoForceRule {
    pub const SYNTAX: &'static str =
        "days_after:N (N from 0 to 3660), months_after:N or first_of_month_after_months:N (N from 0 to 120)";
    /// No treaty delays entry into force by more than ten years; a larger number is a typo
    /// (and would overflow the calendar).
    const MAX_DAYS: u32 = 3660;
    const MAX_MONTHS: u32 = 120;

    /// Parses a rule; `None` if it does not fit [`EntryIntoForceRule::SYNTAX`], including a
    /// number out of range.
    pub fn parse(text: &str) -> Option<EntryIntoForceRule> {
        let (name, number) = text.split_once(':')?;
        let number: u32 = number.parse().ok()?;
        match name {
            "days_after" if number <= Self::MAX_DAYS => Some(EntryIntoForceRule::DaysAfter(number)),
            "months_after" if number <= Self::MAX_MONTHS => {
                Some(EntryIntoForceRule::MonthsAfter(number))
            }
            "first_of_month_after_months" if number <= Self::MAX_MONTHS => {
                Some(EntryIntoForceRule::FirstOfMonthAfterMonths(number))
            }
            _ => None,
        }
    }

    /// The day of entry into force for a deposit on `deposit`.
    pub fn apply(self, deposit: NaiveDate) -> NaiveDate {
        match self {
            EntryIntoForceRule::DaysAfter(days) => deposit + chrono::Days::new(u64::from(days)),
            EntryIntoForceRule::MonthsAfter(months) => deposit + Months::new(months),
            EntryIntoForceRule::FirstOfMonthAfterMonths(months) => {
                let later = deposit + Months::new(months);
                let first = NaiveDate::from_ymd_opt(later.year(), later.month(), 1)
                    .expect("first of a month exists");
                first + Months::new(1)
            }
        }
    }
}

impl fmt::Display for EntryIntoForceRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntryIntoForceRule::DaysAfter(n) => write!(f, "days_after:{n}"),
            EntryIntoForceRule::MonthsAfter(n) => write!(f, "months_after:{n}"),
            EntryIntoForceRule::FirstOfMonthAfterMonths(n) => {
                write!(f, "first_of_month_after_months:{n}")
            }
        }
    }
}

/// A treaty or scheme and the channels it opens between any two of its parties.
#[derive(Clone, Debug, PartialEq)]
pub struct Instrument {
    pub code: String,
    pub name: String,
    /// `global`, `regional` or `bilateral`.
    pub scope: String,
    pub opened_on: Option<LegalDate>,
    /// When the instrument itself entered into force, if it has.
    pub in_force_on: Option<LegalDate>,
    pub channels: ChannelSet,
    /// The articles that open the channels, for explanations.
    pub channel_articles: String,
    pub later_parties: Option<EntryIntoForceRule>,
    /// Whether `parties.csv` lists every party (then a state without a row is not a party)
    /// or only some (then a state without a row has an unknown status).
    pub party_list: PartyList,
    /// Whether any state may still join (false e.g. where membership of an organisation is
    /// required): reform ranking only proposes joining open instruments.
    pub open_for_accession: bool,
    /// For a hub arrangement (one party on one side, the others on the other, e.g. the UK–EU
    /// surrender scheme): the hub. Its channels then link the hub with each other party, never
    /// two other parties with each other.
    pub hub: Option<JurisdictionId>,
    /// The condition under which the channels are open (e.g. UNTOC: serious, transnational,
    /// organised crime; a non-binding scheme: where both states' law implements it); empty if
    /// none. A conditional channel is never certain: a case does not say whether it meets it.
    pub channel_condition: String,
    pub sources: Vec<SourceId>,
}

impl Instrument {
    /// Whether the instrument's shape links two of its parties (both given as sovereigns):
    /// always, unless it is a hub arrangement and neither is the hub.
    pub fn links(&self, a: JurisdictionId, b: JurisdictionId) -> bool {
        self.hub.is_none_or(|hub| hub == a || hub == b)
    }

    /// The most a channel of this instrument can be: `Unknown` when it carries a condition.
    pub fn channel_cap(&self) -> Truth {
        if self.channel_condition.is_empty() {
            Truth::Yes
        } else {
            Truth::Unknown
        }
    }
}

/// How complete an instrument's list of parties is in the dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyList {
    Complete,
    Partial,
}

impl PartyList {
    pub fn parse(text: &str) -> Option<PartyList> {
        match text {
            "complete" => Some(PartyList::Complete),
            "partial" => Some(PartyList::Partial),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PartyList::Complete => "complete",
            PartyList::Partial => "partial",
        }
    }
}

/// One state's relation to one instrument.
#[derive(Clone, Debug, PartialEq)]
pub struct Party {
    pub instrument: InstrumentId,
    pub jurisdiction: JurisdictionId,
    pub signed_on: Option<LegalDate>,
    /// Deposit of ratification, accession, acceptance, approval or succession.
    pub consented_on: Option<LegalDate>,
    pub consent_kind: Option<String>,
    /// Entry into force for this party: stated by the source, or derived by the loader from
    /// the instrument's rule for later parties (then `in_force_derived` is set).
    pub in_force_on: Option<LegalDate>,
    pub in_force_derived: bool,
    pub withdrawn_on: Option<LegalDate>,
    /// False when the instrument itself is not in force: then it binds no party.
    pub instrument_in_force: bool,
    pub sources: Vec<SourceId>,
    pub note: String,
}

impl Party {
    /// Whether the instrument binds this party on `day`.
    pub fn in_force(&self, day: NaiveDate) -> Truth {
        if !self.instrument_in_force {
            return Truth::No;
        }
        match self.in_force_on {
            None => {
                // Consent without a known entry into force: bound at some unknown time after
                // consent. A mere signature never binds.
                match self.consented_on {
                    Some(consent) if consent.reached_by(day) != Truth::No => Truth::Unknown,
                    _ => Truth::No,
                }
            }
            Some(in_force) => {
                let withdrawn = self
                    .withdrawn_on
                    .map_or(Truth::No, |date| date.reached_by(day));
                in_force.reached_by(day).and(withdrawn.negate())
            }
        }
    }
}

/// How strongly a fact is established, weakest first (docs/model.md section 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceLevel {
    /// Inferred from the state being party to an instrument that obliges it.
    TreatyObligation,
    /// A published review of that country's law.
    Assessment,
    /// Read in the law itself.
    Statute,
}

impl EvidenceLevel {
    pub const NAMES: &'static str = "statute, assessment, treaty_obligation";

    pub fn parse(text: &str) -> Option<EvidenceLevel> {
        match text {
            "statute" => Some(EvidenceLevel::Statute),
            "assessment" => Some(EvidenceLevel::Assessment),
            "treaty_obligation" => Some(EvidenceLevel::TreatyObligation),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceLevel::Statute => "statute",
            EvidenceLevel::Assessment => "assessment",
            EvidenceLevel::TreatyObligation => "treaty_obligation",
        }
    }
}

impl fmt::Display for EvidenceLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a jurisdiction makes an offence a crime.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CriminalisationStatus {
    NotCriminalised,
    Unknown,
    /// Criminal only under a condition (the fact's `condition`).
    Partial,
    Criminalised,
}

impl CriminalisationStatus {
    pub const NAMES: &'static str = "criminalised, partial, not_criminalised, unknown";

    pub fn parse(text: &str) -> Option<CriminalisationStatus> {
        match text {
            "criminalised" => Some(CriminalisationStatus::Criminalised),
            "partial" => Some(CriminalisationStatus::Partial),
            "not_criminalised" => Some(CriminalisationStatus::NotCriminalised),
            "unknown" => Some(CriminalisationStatus::Unknown),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CriminalisationStatus::Criminalised => "criminalised",
            CriminalisationStatus::Partial => "partial",
            CriminalisationStatus::NotCriminalised => "not_criminalised",
            CriminalisationStatus::Unknown => "unknown",
        }
    }

    pub fn is_known(self) -> bool {
        self != CriminalisationStatus::Unknown
    }
}

impl fmt::Display for CriminalisationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The age under which a victim counts as a child, unless a fact says otherwise.
pub const DEFAULT_CHILD_AGE: u8 = 18;

/// (jurisdiction, offence, period) → status, with the conditions that matter across borders.
#[derive(Clone, Debug, PartialEq)]
pub struct CriminalisationFact {
    pub jurisdiction: JurisdictionId,
    pub offence: OffenceId,
    pub period: Period,
    pub status: CriminalisationStatus,
    /// The age under which a victim counts as a child for this offence.
    pub child_age: u8,
    /// For `partial`: the condition under which the conduct is criminal.
    pub condition: Option<String>,
    /// For `partial`: the condition only bites for victims of at least this age; younger
    /// victims are covered without it (e.g. a carve-out for consenting adolescents).
    pub condition_from_age: Option<u8>,
    pub evidence: EvidenceLevel,
    pub citation: String,
    pub contested: bool,
    pub sources: Vec<SourceId>,
    pub note: String,
}

/// A rule of a jurisdiction's criminal law about reach, cooperation or time
/// (docs/model.md section 1, "Jurisdiction rules").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    ActiveNationality,
    ActiveNationalityDoubleCriminality,
    PassivePersonality,
    PassivePersonalityDoubleCriminality,
    Residence,
    ResidenceDoubleCriminality,
    Universal,
    UniversalDoubleCriminality,
    ExtraditesNationals,
    ExtraditionNeedsTreaty,
    MlaNeedsTreaty,
    MlaDoubleCriminality,
    LimitationYears,
    LimitationFromMajority,
}

impl RuleKind {
    pub const ALL: [RuleKind; 14] = [
        RuleKind::ActiveNationality,
        RuleKind::ActiveNationalityDoubleCriminality,
        RuleKind::PassivePersonality,
        RuleKind::PassivePersonalityDoubleCriminality,
        RuleKind::Residence,
        RuleKind::ResidenceDoubleCriminality,
        RuleKind::Universal,
        RuleKind::UniversalDoubleCriminality,
        RuleKind::ExtraditesNationals,
        RuleKind::ExtraditionNeedsTreaty,
        RuleKind::MlaNeedsTreaty,
        RuleKind::MlaDoubleCriminality,
        RuleKind::LimitationYears,
        RuleKind::LimitationFromMajority,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::ActiveNationality => "active_nationality",
            RuleKind::ActiveNationalityDoubleCriminality => "active_nationality_double_criminality",
            RuleKind::PassivePersonality => "passive_personality",
            RuleKind::PassivePersonalityDoubleCriminality => {
                "passive_personality_double_criminality"
            }
            RuleKind::Residence => "residence",
            RuleKind::ResidenceDoubleCriminality => "residence_double_criminality",
            RuleKind::Universal => "universal",
            RuleKind::UniversalDoubleCriminality => "universal_double_criminality",
            RuleKind::ExtraditesNationals => "extradites_nationals",
            RuleKind::ExtraditionNeedsTreaty => "extradition_needs_treaty",
            RuleKind::MlaNeedsTreaty => "mla_needs_treaty",
            RuleKind::MlaDoubleCriminality => "mla_double_criminality",
            RuleKind::LimitationYears => "limitation_years",
            RuleKind::LimitationFromMajority => "limitation_from_majority",
        }
    }

    pub fn parse(text: &str) -> Option<RuleKind> {
        RuleKind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    pub fn names() -> String {
        RuleKind::ALL
            .iter()
            .map(|kind| kind.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// What the `value` column may hold for this rule.
    pub fn value_syntax(self) -> &'static str {
        match self {
            RuleKind::ExtraditesNationals => {
                "yes, no, unknown, or only_to_parties (with the instruments column)"
            }
            RuleKind::LimitationYears => "a whole number of years, none, or unknown",
            _ => "yes, no or unknown",
        }
    }

    /// Parses a value for this rule; `None` if it does not fit [`RuleKind::value_syntax`].
    pub fn parse_value(self, text: &str, instruments: Vec<InstrumentId>) -> Option<RuleValue> {
        match self {
            RuleKind::ExtraditesNationals if text == "only_to_parties" => {
                (!instruments.is_empty()).then_some(RuleValue::OnlyToPartiesOf(instruments))
            }
            RuleKind::LimitationYears => match text {
                "none" => Some(RuleValue::NoLimitation),
                "unknown" => Some(RuleValue::Truth(Truth::Unknown)),
                years => years.parse::<u16>().ok().map(RuleValue::Years),
            },
            _ => Truth::parse(text).map(RuleValue::Truth),
        }
    }

    /// The value that favours prosecution most, used to merge treaty obligations: every
    /// obligation is a floor the state must meet, so the most demanding one applies.
    fn favours_prosecution(self, a: &RuleValue, b: &RuleValue) -> bool {
        let rank = |value: &RuleValue| -> i32 {
            let truth = match value {
                RuleValue::Truth(truth) => *truth,
                RuleValue::OnlyToPartiesOf(_) => return 1,
                RuleValue::Years(years) => return i32::from(*years) + 10,
                RuleValue::NoLimitation => return i32::MAX,
            };
            let favourable = if self.yes_hinders() {
                truth.negate()
            } else {
                truth
            };
            match favourable {
                Truth::No => 0,
                Truth::Unknown => 1,
                Truth::Yes => 2,
            }
        };
        rank(a) > rank(b)
    }

    /// Whether `yes` for this rule is a hurdle for prosecution (double criminality, the need
    /// for a treaty) rather than an opening.
    pub fn yes_hinders(self) -> bool {
        matches!(
            self,
            RuleKind::ActiveNationalityDoubleCriminality
                | RuleKind::PassivePersonalityDoubleCriminality
                | RuleKind::ResidenceDoubleCriminality
                | RuleKind::UniversalDoubleCriminality
                | RuleKind::ExtraditionNeedsTreaty
                | RuleKind::MlaNeedsTreaty
                | RuleKind::MlaDoubleCriminality
        )
    }

    /// The value most favourable to prosecution (used for upper bounds).
    pub fn favourable_value(self) -> RuleValue {
        match self {
            RuleKind::LimitationYears => RuleValue::NoLimitation,
            _ => RuleValue::Truth(Truth::from_bool(!self.yes_hinders())),
        }
    }

    /// The value least favourable to prosecution (used for lower bounds).
    pub fn unfavourable_value(self) -> RuleValue {
        match self {
            RuleKind::LimitationYears => RuleValue::Years(0),
            _ => RuleValue::Truth(Truth::from_bool(self.yes_hinders())),
        }
    }

    /// The more prosecution-friendly of two obligation-derived values.
    pub fn stronger_obligation(self, a: RuleValue, b: RuleValue) -> RuleValue {
        if self.favours_prosecution(&b, &a) {
            b
        } else {
            a
        }
    }
}

impl fmt::Display for RuleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The value of a jurisdiction rule.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RuleValue {
    Truth(Truth),
    /// Extradites its nationals, but only to parties of these instruments.
    OnlyToPartiesOf(Vec<InstrumentId>),
    Years(u16),
    NoLimitation,
}

impl RuleValue {
    pub const UNKNOWN: RuleValue = RuleValue::Truth(Truth::Unknown);

    pub fn is_known(&self) -> bool {
        *self != RuleValue::UNKNOWN
    }

    pub fn truth(&self) -> Truth {
        match self {
            RuleValue::Truth(truth) => *truth,
            _ => Truth::Unknown,
        }
    }
}

/// A dated rule fact of one jurisdiction, for one offence or (offence `None`) all of them.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleFact {
    pub jurisdiction: JurisdictionId,
    pub offence: Option<OffenceId>,
    pub rule: RuleKind,
    pub value: RuleValue,
    pub period: Period,
    pub evidence: EvidenceLevel,
    pub citation: String,
    pub contested: bool,
    pub sources: Vec<SourceId>,
    pub note: String,
}

/// What an instrument obliges each of its parties to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ObligationEffect {
    /// Criminalise the offence.
    Criminalise,
    /// Have this rule, with this value, for the offence.
    Rule(RuleKind, RuleValue),
}

/// A treaty obligation, as data (docs/model.md section 1). Only "shall" provisions are carried:
/// an optional ("may") provision infers nothing.
#[derive(Clone, Debug, PartialEq)]
pub struct Obligation {
    pub id: String,
    pub instrument: InstrumentId,
    pub offences: Vec<OffenceId>,
    pub effect: ObligationEffect,
    pub article: String,
    pub sources: Vec<SourceId>,
}

/// What a reservation or declaration changes for the party that made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReservationEffect {
    /// The obligation does not bind this party.
    RemovesObligation(ObligationId),
    /// The obligation binds only under a condition: inferred criminalisation becomes
    /// `partial`, for victims from `from_age` (all victims when absent).
    NarrowsObligation {
        obligation: ObligationId,
        condition: String,
        from_age: Option<u8>,
    },
    /// The channel is not open with this party under this instrument.
    CutsChannel(Channel),
    /// Recorded for completeness; changes nothing the model computes.
    Recorded,
}

/// A reservation or declaration of one party to one instrument.
#[derive(Clone, Debug, PartialEq)]
pub struct Reservation {
    pub instrument: InstrumentId,
    pub jurisdiction: JurisdictionId,
    pub article: String,
    pub effect: ReservationEffect,
    pub period: Period,
    pub summary: String,
    pub sources: Vec<SourceId>,
}

/// Where a fact was read.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub read_on: LegalDate,
    pub verified_on: LegalDate,
    pub note: String,
}

/// What a dataset says about itself.
#[derive(Clone, Debug, Serialize, serde::Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub name: String,
    pub version: String,
    pub licence: String,
    pub description: String,
    /// True for fictional data made for tests and examples: never real legal facts.
    pub illustrative: bool,
    /// Free text: how to cite the dataset.
    #[serde(default)]
    pub citation: String,
}

/// A validated dataset: every id inside resolves, every fact has a source.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub manifest: Manifest,
    pub sources: Vec<Source>,
    pub jurisdictions: Vec<Jurisdiction>,
    pub offences: Vec<Offence>,
    pub instruments: Vec<Instrument>,
    pub obligations: Vec<Obligation>,
    pub parties: Vec<Party>,
    pub reservations: Vec<Reservation>,
    pub criminalisation: Vec<CriminalisationFact>,
    pub rules: Vec<RuleFact>,
    pub(crate) codes: Codes,
}

/// Code → id lookups, built once by the loader.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Codes {
    pub jurisdictions: HashMap<String, JurisdictionId>,
    pub offences: HashMap<String, OffenceId>,
    pub instruments: HashMap<String, InstrumentId>,
    pub sources: HashMap<String, SourceId>,
}

impl Dataset {
    /// Assembles a dataset and its code lookups. The caller (the loader) has validated it.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn assemble(
        manifest: Manifest,
        sources: Vec<Source>,
        jurisdictions: Vec<Jurisdiction>,
        offences: Vec<Offence>,
        instruments: Vec<Instrument>,
        obligations: Vec<Obligation>,
        parties: Vec<Party>,
        reservations: Vec<Reservation>,
        criminalisation: Vec<CriminalisationFact>,
        rules: Vec<RuleFact>,
    ) -> Dataset {
        let codes = Codes {
            jurisdictions: code_map(&jurisdictions, |j| &j.code, JurisdictionId),
            offences: code_map(&offences, |o| &o.code, OffenceId),
            instruments: code_map(&instruments, |i| &i.code, InstrumentId),
            sources: code_map(&sources, |s| &s.id, SourceId),
        };
        Dataset {
            manifest,
            sources,
            jurisdictions,
            offences,
            instruments,
            obligations,
            parties,
            reservations,
            criminalisation,
            rules,
            codes,
        }
    }

    pub fn jurisdiction(&self, id: JurisdictionId) -> &Jurisdiction {
        &self.jurisdictions[id.index()]
    }

    pub fn offence(&self, id: OffenceId) -> &Offence {
        &self.offences[id.index()]
    }

    pub fn instrument(&self, id: InstrumentId) -> &Instrument {
        &self.instruments[id.index()]
    }

    pub fn source(&self, id: SourceId) -> &Source {
        &self.sources[id.index()]
    }

    pub fn obligation(&self, id: ObligationId) -> &Obligation {
        &self.obligations[id.index()]
    }

    pub fn jurisdiction_id(&self, code: &str) -> Option<JurisdictionId> {
        self.codes.jurisdictions.get(code).copied()
    }

    pub fn offence_id(&self, code: &str) -> Option<OffenceId> {
        self.codes.offences.get(code).copied()
    }

    pub fn instrument_id(&self, code: &str) -> Option<InstrumentId> {
        self.codes.instruments.get(code).copied()
    }

    pub fn source_id(&self, id: &str) -> Option<SourceId> {
        self.codes.sources.get(id).copied()
    }

    pub fn jurisdiction_ids(&self) -> impl Iterator<Item = JurisdictionId> {
        (0..self.jurisdictions.len() as u32).map(JurisdictionId)
    }

    pub fn offence_ids(&self) -> impl Iterator<Item = OffenceId> {
        (0..self.offences.len() as u32).map(OffenceId)
    }

    /// The state a jurisdiction belongs to: itself for states and territories, the top of its
    /// parent chain for sub-national units.
    pub fn sovereign(&self, id: JurisdictionId) -> JurisdictionId {
        let mut current = id;
        while let Some(parent) = self.jurisdiction(current).parent {
            current = parent;
        }
        current
    }

    /// The jurisdiction followed by its ancestors, nearest first.
    pub fn lineage(&self, id: JurisdictionId) -> Vec<JurisdictionId> {
        let mut chain = vec![id];
        let mut current = id;
        while let Some(parent) = self.jurisdiction(current).parent {
            chain.push(parent);
            current = parent;
        }
        chain
    }

    /// Parties of an instrument.
    pub fn parties_of(&self, instrument: InstrumentId) -> impl Iterator<Item = &Party> {
        self.parties
            .iter()
            .filter(move |party| party.instrument == instrument)
    }

    /// The source ids of a list, as their codes (for explanations and outputs).
    pub fn source_codes(&self, ids: &[SourceId]) -> Vec<&str> {
        ids.iter().map(|id| self.source(*id).id.as_str()).collect()
    }
}

fn code_map<T, I: Copy>(
    items: &[T],
    code: impl Fn(&T) -> &String,
    id: impl Fn(u32) -> I,
) -> HashMap<String, I> {
    items
        .iter()
        .enumerate()
        .map(|(index, item)| (code(item).clone(), id(index as u32)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn council_of_europe_rule_gives_tunisias_lanzarote_date() {
        // Tunisia deposited on 15 Oct 2019; Lanzarote art. 45(4) puts entry into force on the
        // first day of the month after three months: 1 Feb 2020.
        let rule = EntryIntoForceRule::FirstOfMonthAfterMonths(3);
        assert_eq!(rule.apply(day("2019-10-15")), day("2020-02-01"));
        assert_eq!(
            EntryIntoForceRule::MonthsAfter(1).apply(day("2002-09-19")),
            day("2002-10-19")
        );
    }

    #[test]
    fn stronger_obligation_prefers_no_double_criminality() {
        let kind = RuleKind::ActiveNationalityDoubleCriminality;
        let merged =
            kind.stronger_obligation(RuleValue::Truth(Truth::Yes), RuleValue::Truth(Truth::No));
        assert_eq!(merged, RuleValue::Truth(Truth::No));
        let merged = RuleKind::ActiveNationality
            .stronger_obligation(RuleValue::Truth(Truth::Yes), RuleValue::Truth(Truth::No));
        assert_eq!(merged, RuleValue::Truth(Truth::Yes));
    }
}
