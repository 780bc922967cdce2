namespace TradingOps.Core.Calendar;

/// <summary>
/// A deadline counted on the working-day calendar. <see cref="Provisional"/>: it falls in a year whose official
/// holiday schedule has not been entered, so it was counted with weekends only and may move when the schedule
/// is entered (Spring Festival alone shifts a deadline by a week). Screens mark such deadlines 暂定.
/// </summary>
public readonly record struct Deadline(DateTimeOffset At, bool Provisional);
