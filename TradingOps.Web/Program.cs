using TradingOps.Data;
using TradingOps.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddRepositoryDevelopmentSettings();
builder.Services.AddTradingOpsData(builder.Configuration, builder.Environment.ContentRootPath);
builder.AddTradingOpsWeb();

var app = builder.Build();
await app.InitializeDatabaseAsync();
app.UseTradingOpsWeb();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
