import ArgumentParser
import MotCuaCore

extension OverdueReport.Grouping: ExpressibleByArgument {}

extension PeriodReport.Grouping: ExpressibleByArgument {}

extension FormRenderer.Format: ExpressibleByArgument {}
