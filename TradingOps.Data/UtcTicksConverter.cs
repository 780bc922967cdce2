using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TradingOps.Data;

/// <summary>Stores an instant as its UTC tick count, so SQLite can compare and order it.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
