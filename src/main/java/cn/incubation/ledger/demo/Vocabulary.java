package cn.incubation.ledger.demo;

import cn.incubation.ledger.incubator.CarrierKind;
import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.tenant.IpKind;
import cn.incubation.ledger.tenant.Round;

import java.time.LocalDate;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The words a demo history is written in: names of carriers, operators, companies and funds, sectors, IP titles,
 * and the formats of credit codes, patent and copyright numbers. The funds and carriers are invented, though named
 * the way such bodies in Sichuan and Chongqing are.
 */
final class Vocabulary {

    private Vocabulary() {
    }

    static final List<String> BRANDS = List.of(
            "菁蓉", "创智", "天府", "星辰", "云端", "智谷", "数谷", "科创", "青创", "汇智", "启明", "未来", "海创",
            "英才", "蓉创", "两江", "巴渝", "嘉陵", "锦城", "西部", "双创", "优客", "梦工场", "创新港", "智慧港",
            "知识城", "科技港", "智造", "芯谷", "医谷", "光谷", "蓝海", "长江", "岷江", "沱江", "涪江", "峨眉", "青城",
            "天使汇", "创享", "云创", "川创", "渝创", "众智", "新经济", "硬科技", "交子", "金沙", "少城", "磁器口");

    static String carrierName(String place, String brand, CarrierKind kind, RandomGenerator rng) {
        String suffix = switch (kind) {
            case MAKER_SPACE -> pick(rng, List.of("众创空间", "众创空间", "众创空间", "创客空间", "创新工场"));
            case INCUBATOR -> pick(rng, List.of("科技企业孵化器", "科技企业孵化器", "创业孵化基地", "科技孵化园"));
            case ACCELERATOR -> pick(rng, List.of("科技企业加速器", "产业加速器"));
            case UNIVERSITY_SCIENCE_PARK -> "大学科技园";
            case CONCEPT_VERIFICATION_CENTER -> "概念验证中心";
        };
        return place + brand + suffix;
    }

    static String operatorName(String city, String brand, RandomGenerator rng) {
        return switch (rng.nextInt(5)) {
            case 0 -> city + brand + "企业管理有限公司";
            case 1 -> city + brand + "创业孵化服务有限公司";
            case 2 -> city + brand + "科技服务有限公司";
            case 3 -> city + brand + "孵化器管理有限公司";
            default -> city + brand + "产业园运营管理有限公司";
        };
    }

    /** A sector, the words a company of that sector puts in its name, and how common it is. */
    record Sector(String name, List<String> nameWords, double weight) {
    }

    static final List<Sector> SECTORS = List.of(
            new Sector("软件和信息技术服务", List.of("信息技术", "软件", "网络科技", "数据科技"), 0.22),
            new Sector("电子信息", List.of("电子科技", "通信技术", "微电子"), 0.12),
            new Sector("人工智能", List.of("智能科技", "人工智能科技"), 0.08),
            new Sector("生物医药", List.of("生物科技", "医药科技", "生物技术"), 0.12),
            new Sector("医疗器械", List.of("医疗器械", "医疗科技"), 0.05),
            new Sector("智能制造", List.of("智能装备", "自动化科技", "机器人科技"), 0.12),
            new Sector("新材料", List.of("新材料科技", "材料科技"), 0.07),
            new Sector("新能源", List.of("新能源科技", "能源科技"), 0.05),
            new Sector("节能环保", List.of("环保科技", "环境技术"), 0.05),
            new Sector("航空航天", List.of("航空科技", "航天技术"), 0.03),
            new Sector("集成电路", List.of("半导体", "集成电路设计"), 0.03),
            new Sector("现代农业", List.of("农业科技", "生态农业科技"), 0.03),
            new Sector("文化创意", List.of("文化传媒", "数字文化"), 0.03));

    static Sector sector(RandomGenerator rng) {
        double r = rng.nextDouble();
        for (Sector sector : SECTORS) {
            r -= sector.weight();
            if (r < 0) {
                return sector;
            }
        }
        return SECTORS.get(0);
    }

    private static final String TRADE_NAME_CHARACTERS =
            "云智芯数联创华科源星锐航恒达鑫泰宇瑞博睿康泽汇通远新维度图光量极微谷迅思捷安易腾拓晟峰卓越凌辰曜启"
                    + "澜朗晨铭嘉弘坤融耀蓝青聚合拓万象正合道";

    static String tradeName(RandomGenerator rng) {
        char first = TRADE_NAME_CHARACTERS.charAt(rng.nextInt(TRADE_NAME_CHARACTERS.length()));
        char second;
        do {
            second = TRADE_NAME_CHARACTERS.charAt(rng.nextInt(TRADE_NAME_CHARACTERS.length()));
        } while (second == first);
        return "" + first + second;
    }

    static String companyName(String city, String tradeName, Sector sector, RandomGenerator rng) {
        return city + tradeName + pick(rng, sector.nameWords()) + (rng.nextInt(20) == 0 ? "股份有限公司" : "有限公司");
    }

    private static final String CODE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /**
     * A unified social credit code of an enterprise registered with a market regulator (9 1) in {@code division}:
     * a nine-character organisation code in the "MA" series since 2015 (with its GB 11714 check character), and
     * the GB 32100 check character.
     */
    static CreditCode creditCode(String division, RandomGenerator rng) {
        StringBuilder body = new StringBuilder("MA");
        for (int i = 0; i < 6; i++) {
            body.append(CODE_CHARACTERS.charAt(rng.nextInt(CODE_CHARACTERS.length())));
        }
        String organisation = body.toString() + organisationCheck(body);
        String first17 = "91" + division + organisation;
        return new CreditCode(first17 + CreditCode.checkCharacter(first17));
    }

    /** GB 11714: weights 3 7 9 10 5 8 4 2 over digit and letter values (A = 10), modulo 11. */
    private static char organisationCheck(CharSequence body) {
        int[] weights = {3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = body.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * weights[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    /** A CNIPA patent number: ZL, application year, type (1 invention, 2 utility model, 3 design), serial, check. */
    static String patentNumber(int applicationYear, int type, int serial) {
        String digits = applicationYear + Integer.toString(type) + DemoHistory.padded(serial, 7);
        int[] weights = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int check = sum % 11;
        return "ZL" + digits + "." + (check == 10 ? "X" : Integer.toString(check));
    }

    static String ipNumber(IpKind kind, LocalDate grantedOn, int serial, RandomGenerator rng) {
        int year = grantedOn.getYear();
        return switch (kind) {
            case INVENTION_PATENT -> patentNumber(year - 2 - rng.nextInt(2), 1, serial);
            case UTILITY_MODEL -> patentNumber(year - rng.nextInt(2), 2, serial);
            case DESIGN_PATENT -> patentNumber(year - rng.nextInt(2), 3, serial);
            case SOFTWARE_COPYRIGHT -> year + "SR" + DemoHistory.padded(serial, 7);
            case IC_LAYOUT -> "BS." + DemoHistory.padded(year % 100, 2) + DemoHistory.padded(serial, 7);
            case TRADEMARK -> "TM" + (10_000_000 + serial);
            case OTHER -> "IP" + year + DemoHistory.padded(serial, 7);
        };
    }

    private static final List<String> INVENTIONS = List.of(
            "基于深度学习的图像识别方法", "数据加密传输方法及系统", "锂电池热管理控制方法", "可降解复合材料及其制备方法",
            "靶向药物递送载体及其制备方法", "无人机自主避障控制方法", "工业视觉缺陷检测方法", "边缘计算任务调度方法",
            "微流控核酸检测芯片", "高精度室内定位方法", "土壤重金属快速检测方法", "多源遥感数据融合方法",
            "低功耗无线传感网络路由方法", "抗体药物偶联物的纯化工艺", "氢燃料电池膜电极制备方法",
            "轨道交通故障预测方法", "中药有效成分提取工艺", "钙钛矿薄膜的制备方法");
    private static final List<String> DEVICES = List.of(
            "智能巡检机器人", "节能型换热装置", "光伏组件清洁装置", "便携式血糖检测仪", "物联网环境监测终端",
            "柔性夹持机械手", "电池包快换装置", "智能配电箱", "农业灌溉控制器", "无人机快拆桨叶", "恒温培养箱",
            "激光切割定位夹具", "防爆巡检终端", "茶叶杀青装置");
    private static final List<String> PRODUCTS = List.of(
            "智能门锁", "手持终端", "空气净化器", "检测仪", "智能音箱", "服务机器人", "储能电源", "医用监护仪",
            "工业相机", "茶具");
    private static final List<String> SYSTEMS = List.of(
            "设备运维管理平台", "智慧园区管理系统", "供应链协同平台", "医学影像辅助诊断系统", "工业数据采集系统",
            "智能客服系统", "电子签章系统", "农产品溯源系统", "能耗监测平台", "企业财税服务平台", "在线教育平台",
            "交通信号优化系统");

    static String ipTitle(IpKind kind, String tradeName, RandomGenerator rng) {
        return switch (kind) {
            case INVENTION_PATENT -> "一种" + pick(rng, INVENTIONS);
            case UTILITY_MODEL -> "一种" + pick(rng, DEVICES);
            case DESIGN_PATENT -> pick(rng, PRODUCTS) + "（" + (char) ('A' + rng.nextInt(6)) + (1 + rng.nextInt(9))
                    + "）";
            case SOFTWARE_COPYRIGHT -> tradeName + pick(rng, SYSTEMS) + "软件V" + (1 + rng.nextInt(4)) + ".0";
            case IC_LAYOUT -> tradeName + pick(rng, List.of("电源管理", "射频前端", "图像传感", "模数转换")) + "芯片布图设计";
            case TRADEMARK -> "「" + tradeName + "」第" + pick(rng, List.of(9, 42, 35, 10, 5)) + "类";
            case OTHER -> tradeName + "技术秘密";
        };
    }

    static IpKind ipKind(String sector, RandomGenerator rng) {
        if (sector.equals("集成电路") && rng.nextInt(5) == 0) {
            return IpKind.IC_LAYOUT;
        }
        double r = rng.nextDouble();
        if (r < 0.13) {
            return IpKind.INVENTION_PATENT;
        }
        if (r < 0.48) {
            return IpKind.UTILITY_MODEL;
        }
        if (r < 0.55) {
            return IpKind.DESIGN_PATENT;
        }
        if (r < 0.94) {
            return IpKind.SOFTWARE_COPYRIGHT;
        }
        return IpKind.TRADEMARK;
    }

    private static final List<String> FUND_PREFIXES = List.of(
            "天府", "蓉城", "巴渝", "两江", "锦江", "西部", "长江", "岷山", "嘉陵", "川渝", "峨眉", "青城", "科创",
            "星河", "交子", "金沙", "嘉州", "涪城", "沱江", "天投");

    static String fund(Round round, RandomGenerator rng) {
        String prefix = pick(rng, FUND_PREFIXES);
        return switch (round) {
            case ANGEL -> prefix + pick(rng, List.of("天使投资基金", "天使创业投资合伙企业（有限合伙）"));
            case SEED -> prefix + pick(rng, List.of("种子基金", "种子投资基金", "科技成果转化种子基金"));
            case PRE_A, A -> prefix + pick(rng, List.of("创业投资基金", "创新投资有限公司", "股权投资基金合伙企业（有限合伙）"));
            case B, C, LATER -> prefix + pick(rng, List.of("产业投资基金", "成长股权投资基金", "私募股权投资基金管理有限公司"));
            case GRANT -> pick(rng, List.of("成都市科学技术局", "重庆市科学技术局", "四川省科学技术厅",
                                            "重庆市科技发展基金会", "区级科技创新专项资金"));
            case LOAN -> pick(rng, List.of("成都农商银行科技支行", "重庆农村商业银行科技支行", "成都银行科技金融事业部",
                                           "重庆银行两江科技支行", "四川天府银行科技支行"));
            case OTHER -> prefix + "投资有限公司";
        };
    }

    static final List<String> UNIVERSITIES = List.of(
            "四川大学", "电子科技大学", "西南交通大学", "重庆大学", "西南大学", "成都理工大学", "西南石油大学",
            "重庆邮电大学", "西南科技大学", "四川农业大学", "中国科学院成都分院", "重庆医科大学");

    static final List<String> GRADUATION_CRITERIA = List.of(
            "营业收入达到毕业标准", "获得国家高新技术企业认定", "获得风险投资且入孵满两年", "被上市公司并购",
            "入孵期满且达到毕业条件", "自有研发和办公场地，迁出孵化器");
    static final List<String> WITHDRAWAL_REASONS = List.of(
            "经营困难，主动退出", "入孵期满未达毕业条件", "企业注销", "迁出本地区", "未按约定开展研发活动，予以清退",
            "租赁合同到期未续约");
    static final List<String> CLOSURE_REASONS = List.of(
            "运营主体调整，停止孵化服务", "场地租约到期，停止运营", "整合并入区内其他孵化载体",
            "绩效评价不合格，撤销认定并停止运营");
    static final List<String> CORRECTION_REASONS = List.of(
            "按投资协议核对，更正金额", "工商变更登记后核对，更正金额", "原登记金额含未到位部分，更正为实缴金额");
    static final List<String> RETRACTION_REASONS = List.of(
            "重复登记，撤回", "投资协议未生效，撤回", "误登为本企业，撤回");

    static <T> T pick(RandomGenerator rng, List<T> values) {
        return values.get(rng.nextInt(values.size()));
    }
}
