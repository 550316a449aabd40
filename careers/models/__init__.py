from careers.models.enterprises import EnterpriseIndexPage, EnterprisePage, SizeBand
from careers.models.labour import HiringNeed, Indicator, LabourFigure, make_figure_key
from careers.models.pages import (
    LabourMarketPage,
    OccupationIndexPage,
    OccupationPage,
    OccupationRoute,
)
from careers.models.taxonomy import (
    EconomicSector,
    IscoGroup,
    Outlook,
    Region,
    RiasecType,
    TrainingField,
    TrainingLevel,
)

__all__ = [
    "EconomicSector",
    "EnterpriseIndexPage",
    "EnterprisePage",
    "SizeBand",
    "HiringNeed",
    "Indicator",
    "IscoGroup",
    "LabourFigure",
    "LabourMarketPage",
    "OccupationIndexPage",
    "OccupationPage",
    "OccupationRoute",
    "Outlook",
    "Region",
    "RiasecType",
    "TrainingField",
    "TrainingLevel",
    "make_figure_key",
]
