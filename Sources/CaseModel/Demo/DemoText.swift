/// The Chinese texts the demo draws from: names, branches, products and complaint summaries by
/// line and category, in the proportions of docs/architecture.md, "The demo desk".
enum DemoText {
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    static let given = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建华文辉力斌鹏宇浩凯秀珍健俊帆晨欣悦怡佳雪琳婷颖思涵子轩梓睿浩然一诺雨欣")

    static let branches: [(String, Double)] = [
        ("上海分公司", 16), ("北京分公司", 14), ("广东分公司", 15), ("江苏分公司", 13), ("浙江分公司", 12),
        ("四川分公司", 9), ("湖北分公司", 8), ("山东分公司", 10), ("苏州中心支公司", 3),
    ]

    /// Region codes for plausible ID numbers, per branch.
    static let regionCodes = ["310101", "110105", "440106", "320102", "330106", "510104", "420102", "370102", "320505"]

    static let products: [InsuranceLine: [String]] = [
        .auto: ["机动车商业险", "交强险", "新能源车险"],
        .travel: ["境外旅行意外险", "航班延误险", "国内旅游意外险"],
        .accident: ["综合意外险", "驾乘意外险", "学平险"],
        .homeProperty: ["家庭财产综合险", "家财险(燃气)", "房屋质量保险"],
        .health: ["百万医疗险", "重大疾病险", "门急诊医疗险"],
        .life: ["终身寿险", "年金保险", "两全保险"],
        .bancassurance: ["银保分红险", "银保年金险", "银保万能险"],
        .other: ["保证保险", "宠物险"],
    ]

    /// Summary templates per (line, category).
    static func summaries(_ line: InsuranceLine, _ category: Category) -> [String] {
        switch (line, category) {
        case (.auto, .claims): return ["车辆被追尾定损金额争议", "理赔款两周未到账", "春节返乡途中事故查勘员迟迟未到", "维修厂与定损金额不一致", "车损险拒赔理由不认可", "三者责任划分有异议"]
        case (.travel, .claims): return ["航班延误险理赔被拒", "境外就医费用报销资料要求过多", "春节出境游取消行程退费理赔纠纷", "行李延误理赔金额偏低"]
        case (.accident, .claims): return ["滑雪摔伤理赔被拒", "意外住院理赔审核时间过长", "伤残等级鉴定结果有异议"]
        case (.homeProperty, .claims): return ["燃放烟花导致家中失火理赔争议", "水管冻裂泡损地板理赔被拒", "家中被盗理赔需补材料反复"]
        case (.health, .claims): return ["住院医疗费用拒赔", "重疾理赔认为不属于保障范围", "既往症认定有争议", "理赔进度无人告知"]
        case (.life, .claims), (.bancassurance, .claims): return ["身故理赔材料要求过多", "理赔时效超过承诺"]
        case (_, .sales): return ["销售人员夸大收益误导购买", "代签名投保", "未告知犹豫期", "存单变保单误导销售", "捆绑销售附加险"]
        case (.life, .service), (.bancassurance, .service): return ["退保金额与预期差距大要求全额退保", "退保手续办理拖延", "保单到期无法领取", "客服电话长时间无人接听"]
        case (_, .service): return ["客服热线春节期间无法接通", "服务人员态度差", "保单信息变更未处理", "短信通知内容错误"]
        case (_, .product): return ["条款免责内容不清晰", "续保保费大幅上涨", "产品停售无法续保", "保障范围与宣传不符"]
        default: return ["对处理结果不满要求复核", "要求解释保单条款", "其他诉求"]
        }
    }

    static let demands = ["要求尽快赔付", "要求全额退保", "要求道歉并说明原因", "要求重新核定损失", "要求撤销保单退还保费", "要求加快理赔进度", "要求说明拒赔依据"]
    static let detailsTail = ["客户情绪激动，表示如不处理将向监管部门投诉。", "客户表示已多次来电未果。", "客户春节在外地，希望电话沟通。",
                               "Customer speaks English; prefers e-mail.", "客户要求书面答复。", "客户表示将联系媒体。", ""]
}

/// The demo's weighted choices, built once.
enum DemoTables {
    static let branch = WeightedTable(DemoText.branches.enumerated().map { ($0.offset, $0.element.1) })
    static let holidayLine = WeightedTable<InsuranceLine>([(.auto, 18), (.travel, 9), (.accident, 7), (.homeProperty, 6), (.health, 22), (.life, 24), (.bancassurance, 12), (.other, 2)])
    static let usualLine = WeightedTable<InsuranceLine>([(.auto, 22), (.travel, 3), (.accident, 5), (.homeProperty, 3), (.health, 22), (.life, 28), (.bancassurance, 14), (.other, 3)])
    static let propertyCategory = WeightedTable<Category>([(.claims, 80), (.service, 9), (.sales, 4), (.product, 5), (.other, 2)])
    static let lifeCategory = WeightedTable<Category>([(.sales, 48), (.service, 26), (.claims, 14), (.product, 9), (.other, 3)])
    static let channel = WeightedTable<Channel>([(.hotline, 46), (.phone, 14), (.walkIn, 6), (.regulator, 8), (.wechat, 9), (.app, 7), (.web, 5), (.email, 2), (.letter, 1), (.media, 0.4), (.other, 1.6)])
    static let regulatorSource = WeightedTable<CaseSource>([(.regulatorLocal, 80), (.regulatorNational, 20)])
    static let otherSource = WeightedTable<CaseSource>([(.selfReceived, 90), (.hqTransferred, 8), (.association, 1), (.other, 1)])
    static let kind = WeightedTable<CaseKind>([(.general, 86), (.venting, 9), (.major, 3), (.special, 1.5), (.report, 0.5)])
    static let propertyLines: Set<InsuranceLine> = [.auto, .travel, .accident, .homeProperty, .other]
    static let phonePrefixes = ["13", "15", "17", "18", "19"]
    static let surnames = DemoText.surnames.map(String.init)
    static let given = DemoText.given.map(String.init)
    /// Summaries by line and category, looked up without building arrays per case.
    static let summaries: [InsuranceLine: [Category: [String]]] = Dictionary(uniqueKeysWithValues: InsuranceLine.allCases.map { line in
        (line, Dictionary(uniqueKeysWithValues: Category.allCases.map { ($0, DemoText.summaries(line, $0)) }))
    })
}
