namespace TradingOps.Tests.Fixtures;

public static class HeaderCells
{
    /// <summary>A header as read, without the line break a long header prints with before its unit.</summary>
    public static string HeaderText(this ClosedXML.Excel.IXLCell cell) => cell.GetString().Replace("\n", "");
}
