import ArgumentParser
import MotCuaCore

// The core's own enums taken as option values (`--by`, `print --format`).
extension OverdueReport.Grouping: ExpressibleByArgument {}

extension PeriodReport.Grouping: ExpressibleByArgument {}

extension FormRenderer.Format: ExpressibleByArgument {}

extension Scorecard.Grouping: ExpressibleByArgument {}

extension ScorecardRule: ExpressibleByArgument {}
