using System.Collections;
using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradingOps.Core.Common;
using TradingOps.Web;
using TradingOps.Web.Reports;

namespace TradingOps.Tests.Localization;

/// <summary>
/// Issue 22, English: refusals read in the person's language (their code translated), MudBlazor's own texts read in
/// Chinese on Chinese pages (every one MudBlazor has), and workbook texts follow the exporting request's language.
/// </summary>
public sealed class LocalizedTextTests
{
    private static T In<T>(string culture, Func<T> read)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try { return read(); }
        finally { (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current); }
    }

    [Fact]
    public void A_refusal_reads_its_Chinese_message_in_Chinese_and_its_codes_translation_in_English()
    {
        var busy = new DomainException("Window.Busy", "请先办结、挂起或过号当前号码，再叫下一位");
        Assert.Equal(busy.Message, In("zh-CN", busy.Text));
        Assert.Equal("Finish, hold or skip the current number before calling the next", In("en", busy.Text));
    }

    [Fact]
    public void A_shared_field_check_reads_in_English_with_its_numbers()
    {
        var tooLong = new DomainException("Comment.TooLong", "Comment 不能超过 200 个字符");
        Assert.Equal("Comment cannot be longer than 200 characters", In("en", tooLong.Text));
    }

    [Fact]
    public void A_refusal_without_a_translation_keeps_its_message()
    {
        var unknown = new DomainException("No.Such.Code", "没有翻译");
        Assert.Equal("没有翻译", In("en", unknown.Text));
    }

    [Fact]
    public void Every_MudBlazor_text_has_a_Chinese_translation_shown_on_Chinese_pages()
    {
        var mud = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudBlazor.MudButton).Assembly)
            .GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!;
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        var localizer = new ResxMudLocalizer(new StringLocalizer<MudResource>(factory));
        var keys = mud.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToList();
        Assert.NotEmpty(keys);
        var untranslated = In("zh-CN", () => keys.Where(k => localizer[k].ResourceNotFound || localizer[k].Value == (string?)mud.GetString(k)
                                                            && k is not ("MudDataGrid_EqualSign" or "MudDataGrid_NotEqualSign" or "MudDataGrid_GreaterThanSign"
                                                                or "MudDataGrid_GreaterThanOrEqualSign" or "MudDataGrid_LessThanSign" or "MudDataGrid_LessThanOrEqualSign")).ToList());
        Assert.True(untranslated.Count == 0, "MudBlazor texts without Chinese: " + string.Join(", ", untranslated));
        Assert.Equal("每页行数：", In("zh-CN", () => localizer["MudDataGridPager_RowsPerPage"].Value));
    }

    [Fact]
    public void Workbook_texts_are_English_in_an_English_request_and_Chinese_otherwise()
    {
        Assert.Equal("Wait (min)", In("en", () => WorkbookText.Of("等候（分钟）")));
        Assert.Equal("等候（分钟）", In("zh-CN", () => WorkbookText.Of("等候（分钟）")));
        Assert.Equal("示范项目", In("en", () => WorkbookText.Of("示范项目"))); // what people entered stays as entered
    }
}
