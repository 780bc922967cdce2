using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using QRCoder;

namespace TradingOps.Web.Witness;

/// <summary>
/// The kit every witnessing document (certificate, daily witness report) is written with (PDFsharp 6.2.4, MIT): an
/// A4 page writer with headings, label/value lines, wrapped paragraphs, tables that break across pages, and QR codes
/// embedded as images (so a test or a phone can decode them). Chinese text is set in WenQuanYi Micro Hei (Debian
/// package fonts-wqy-microhei: TrueType outlines, so PDFsharp embeds only the glyphs used: a certificate is tens of
/// kilobytes); the Noto CJK fonts are CFF-based and would be embedded whole (13 MB a page), so they are not used.
/// </summary>
public static class WitnessPdf
{
    public const string Family = "TradingOps CJK";

    /// <summary>Where the font is looked for, first match wins (a TrueType collection: its first face is used).</summary>
    public static readonly string[] FontCandidates =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    ];

    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Installs the font resolver once per process; a clear error when the font is not installed.</summary>
    public static void EnsureFonts()
    {
        lock (Gate)
        {
            if (_installed) return;
            var path = FontCandidates.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("生成 PDF 需要中文字体 WenQuanYi Micro Hei：请安装 fonts-wqy-microhei（sudo apt-get install fonts-wqy-microhei）");
            GlobalFontSettings.FontResolver = new CjkFontResolver(path);
            _installed = true;
        }
    }

    public static XFont Font(double size, bool bold = false)
    {
        EnsureFonts();
        return new XFont(Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
    }

    /// <summary>A QR code of <paramref name="text"/> drawn as an image filling <paramref name="area"/> (square).</summary>
    public static void DrawQr(XGraphics g, string text, XRect area)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        // BMP: the image format PDFsharp's cross-platform build imports without a graphics library.
        var bmp = new BitmapByteQRCode(data).GetGraphic(4);
        using var stream = new MemoryStream(bmp);
        using var image = XImage.FromStream(stream);
        var side = Math.Min(area.Width, area.Height);
        g.DrawImage(image, new XRect(area.X, area.Y, side, side));
    }

    /// <summary>A new A4 document with its title and author in the document information.</summary>
    public static PdfDocument NewDocument(string title, string author)
    {
        EnsureFonts();
        var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Author = author;
        document.Info.Creator = "TradingOps";
        return document;
    }

    public static byte[] Save(PdfDocument document)
    {
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private sealed class CjkFontResolver(string path) : IFontResolver
    {
        private readonly Lazy<byte[]> _face = new(() => TrueTypeCollection.Face(File.ReadAllBytes(path), 0));

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new("wqy-regular", mustSimulateBold: bold, mustSimulateItalic: italic);

        public byte[]? GetFont(string faceName) => _face.Value;
    }
}

/// <summary>Cuts one face out of a TrueType collection (.ttc) as a standalone font file, which PDFsharp can load.</summary>
public static class TrueTypeCollection
{
    public static byte[] Face(byte[] file, int index)
    {
        if (file.Length < 12 || file[0] != 't' || file[1] != 't' || file[2] != 'c' || file[3] != 'f') return file; // already a single font
        var faceOffset = (int)U32(file, 12 + 4 * index);
        var numTables = U16(file, faceOffset + 4);
        var headerLength = 12 + 16 * numTables;
        var tables = Enumerable.Range(0, numTables).Select(i => faceOffset + 12 + 16 * i)
            .Select(record => (Record: record, Offset: (int)U32(file, record + 8), Length: (int)U32(file, record + 12))).ToList();
        var output = new byte[headerLength + tables.Sum(t => (t.Length + 3) & ~3)];
        Array.Copy(file, faceOffset, output, 0, 12);
        var position = headerLength;
        for (var i = 0; i < tables.Count; i++)
        {
            var (record, offset, length) = tables[i];
            var at = 12 + 16 * i;
            Array.Copy(file, record, output, at, 16);
            output[at + 8] = (byte)(position >> 24);
            output[at + 9] = (byte)(position >> 16);
            output[at + 10] = (byte)(position >> 8);
            output[at + 11] = (byte)position;
            Array.Copy(file, offset, output, position, length);
            position += (length + 3) & ~3;
        }
        return output;
    }

    private static uint U32(byte[] b, int o) => (uint)(b[o] << 24 | b[o + 1] << 16 | b[o + 2] << 8 | b[o + 3]);
    private static int U16(byte[] b, int o) => b[o] << 8 | b[o + 1];
}

/// <summary>
/// Writes A4 pages top to bottom with a cursor: headings, label/value lines, wrapped paragraphs, tables (header
/// repeated on each page), QR codes; a new page starts when the next block does not fit. Dispose to finish.
/// </summary>
public sealed class PdfPageWriter : IDisposable
{
    public const double Margin = 56; // 2 cm
    private readonly PdfDocument _document;
    private readonly string? _footer;
    private PdfPage _page = null!;
    private XGraphics _g = null!;
    private int _pages;

    public PdfPageWriter(PdfDocument document, string? footer = null)
    {
        _document = document;
        _footer = footer;
        NewPage();
    }

    public double Y { get; private set; }
    public double Width => _page.Width.Point - 2 * Margin;
    public XGraphics Graphics => _g;

    private double Bottom => _page.Height.Point - Margin - 14;

    public void NewPage()
    {
        _g?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _g = XGraphics.FromPdfPage(_page);
        _pages++;
        Y = Margin;
        if (_footer is not null)
            _g.DrawString($"{_footer}　第 {_pages} 页", WitnessPdf.Font(8), XBrushes.Gray,
                new XRect(Margin, _page.Height.Point - Margin + 4, Width, 12), XStringFormats.TopCenter);
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit.</summary>
    public void Need(double height)
    {
        if (Y + height > Bottom) NewPage();
    }

    public void Space(double points) => Y += points;

    public void Title(string text, double size = 20)
    {
        Need(size * 2);
        _g.DrawString(text, WitnessPdf.Font(size, bold: true), XBrushes.Black, new XRect(Margin, Y, Width, size * 1.5), XStringFormats.TopCenter);
        Y += size * 1.8;
    }

    public void Heading(string text, double size = 13)
    {
        Need(size * 2.5);
        Y += size * 0.4;
        _g.DrawString(text, WitnessPdf.Font(size, bold: true), XBrushes.Black, new XPoint(Margin, Y + size));
        Y += size * 1.6;
        _g.DrawLine(XPens.LightGray, Margin, Y - size * 0.3, Margin + Width, Y - size * 0.3);
    }

    /// <summary>"label：value" with the value wrapped under itself.</summary>
    public void Field(string label, string? value, double size = 10.5, double labelWidth = 90)
    {
        var font = WitnessPdf.Font(size);
        var lines = Wrap(value ?? "—", font, Width - labelWidth);
        Need(lines.Count * size * 1.5);
        _g.DrawString(label, WitnessPdf.Font(size, bold: true), XBrushes.DimGray, new XPoint(Margin, Y + size));
        foreach (var line in lines)
        {
            _g.DrawString(line, font, XBrushes.Black, new XPoint(Margin + labelWidth, Y + size));
            Y += size * 1.5;
        }
    }

    public void Paragraph(string text, double size = 10.5, XBrush? brush = null)
    {
        var font = WitnessPdf.Font(size);
        foreach (var line in Wrap(text, font, Width))
        {
            Need(size * 1.5);
            _g.DrawString(line, font, brush ?? XBrushes.Black, new XPoint(Margin, Y + size));
            Y += size * 1.5;
        }
    }

    /// <summary>A table; <paramref name="widths"/> are fractions of the text width; cells wrap; the header repeats on a new page.</summary>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<double> widths, IEnumerable<IReadOnlyList<string?>> rows, double size = 9)
    {
        var font = WitnessPdf.Font(size);
        var bold = WitnessPdf.Font(size, bold: true);
        var columns = widths.Select(w => w * Width).ToArray();
        var lineHeight = size * 1.45;

        void Row(IReadOnlyList<string?> cells, XFont f, bool header)
        {
            var wrapped = cells.Select((c, i) => Wrap(c ?? "", f, columns[i] - 6)).ToList();
            var height = Math.Max(1, wrapped.Max(w => w.Count)) * lineHeight + 4;
            if (Y + height > Bottom)
            {
                NewPage();
                if (!header) Row(headers, bold, header: true);
            }
            if (header) _g.DrawRectangle(XBrushes.WhiteSmoke, Margin, Y, Width, height);
            var x = Margin;
            for (var i = 0; i < columns.Length; i++)
            {
                var y = Y + 2;
                foreach (var line in wrapped[i])
                {
                    _g.DrawString(line, f, XBrushes.Black, new XPoint(x + 3, y + size));
                    y += lineHeight;
                }
                x += columns[i];
            }
            Y += height;
            _g.DrawLine(XPens.LightGray, Margin, Y, Margin + Width, Y);
        }

        Row(headers, bold, header: true);
        foreach (var row in rows) Row(row, font, header: false);
        Y += 6;
    }

    /// <summary>A QR code of <paramref name="text"/> with a caption beside it (e.g. the URL or hash it carries).</summary>
    public void Qr(string text, string caption, double side = 96)
    {
        Need(side + 8);
        WitnessPdf.DrawQr(_g, text, new XRect(Margin, Y, side, side));
        var font = WitnessPdf.Font(9);
        var y = Y + 12;
        foreach (var line in Wrap(caption, font, Width - side - 12))
        {
            _g.DrawString(line, font, XBrushes.Black, new XPoint(Margin + side + 12, y));
            y += 13;
        }
        Y += side + 8;
    }

    /// <summary>Breaks text into lines that fit <paramref name="width"/>: at spaces for Latin words, anywhere between Chinese characters.</summary>
    public List<string> Wrap(string text, XFont font, double width)
    {
        var result = new List<string>();
        foreach (var paragraph in text.Replace("\r", "").Split('\n'))
        {
            var line = "";
            var i = 0;
            while (i < paragraph.Length)
            {
                // The next unit: a run of non-space Latin characters, or one other character.
                var j = i + 1;
                if (paragraph[i] < 0x2E80 && paragraph[i] != ' ')
                    while (j < paragraph.Length && paragraph[j] < 0x2E80 && paragraph[j] != ' ') j++;
                var unit = paragraph[i..j];
                // Chinese closing punctuation never starts a line (禁则): it stays on the line before, slightly over.
                if (line.Length > 0 && !NoLineStart.Contains(unit[0]) && _g.MeasureString(line + unit, font).Width > width)
                {
                    result.Add(line.TrimEnd());
                    line = unit == " " ? "" : unit;
                }
                else line += unit;
                // A single unit longer than the width (a hash) is cut by characters.
                while (_g.MeasureString(line, font).Width > width && line.Length > 1)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && _g.MeasureString(line[..cut], font).Width > width) cut--;
                    result.Add(line[..cut]);
                    line = line[cut..];
                }
                i = j;
            }
            result.Add(line.TrimEnd());
        }
        return result;
    }

    private const string NoLineStart = "，。、；：？！）」』》〉”’…";

    public void Dispose() => _g.Dispose();
}
