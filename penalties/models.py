"""Every model, imported in one place so the metadata (and Alembic) sees them all."""

from penalties.appeals.models import Appeal
from penalties.auth.models import ApiToken, User
from penalties.auth.throttle import SignInThrottle
from penalties.cases.models import Case, CaseEvidence, Violation, Violator, case_circumstances
from penalties.catalogue.models import Act, Circumstance, HolidayOverride, Sector
from penalties.core.audit import AuditEntry
from penalties.core.documents import StoredDocument
from penalties.core.numbering import NumberSequence
from penalties.decisions.models import Decision, DecisionLine, Delivery
from penalties.payments.models import Enforcement, Installment, InstallmentPlan, Payment, Postponement
from penalties.reports.models import ReportActDay, ReportDay, ReportFact
from penalties.units.models import Unit

__all__ = [
    "Act",
    "ApiToken",
    "Appeal",
    "AuditEntry",
    "Case",
    "CaseEvidence",
    "Circumstance",
    "Decision",
    "DecisionLine",
    "Delivery",
    "Enforcement",
    "HolidayOverride",
    "Installment",
    "InstallmentPlan",
    "NumberSequence",
    "Payment",
    "Postponement",
    "ReportActDay",
    "ReportDay",
    "ReportFact",
    "Sector",
    "SignInThrottle",
    "StoredDocument",
    "Unit",
    "User",
    "Violation",
    "Violator",
    "case_circumstances",
]
